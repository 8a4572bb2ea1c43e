import { ProblemError } from "../platform/http/problem.ts";
import type { FieldError } from "./components.tsx";

/** Reads an urlencoded form body as strings (the last value wins for repeated names). */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!body || typeof body !== "object") return fields;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === "string") fields[key] = value;
    else if (Array.isArray(value) && typeof value.at(-1) === "string")
      fields[key] = value.at(-1) as string;
  }
  return fields;
}

/**
 * The field errors a service's refusal carries, to show beside the form; anything that is not
 * a 4xx problem is rethrown (the error page handles it).
 */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (error instanceof ProblemError && error.status < 500) {
    return error.errors?.length ? error.errors : [{ path: "", message: error.message }];
  }
  throw error;
}
