import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";

/** A 201 answer naming what was made. */
export const created = z.object({ id: z.string() });

/** A 204 answer: no body, documented as such. */
export const noContent = z.null().meta({ description: "No content", type: "null" });

/** problem+json (RFC 9457) as every error of the API answers it (`problemBody`). */
const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string", description: "urn:kakehashi:problem:<code>" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string", description: "machine-readable reason, e.g. not_found, nda_required" },
    errors: {
      type: "array",
      description: "the fields to fix (422)",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: {
          path: { type: "string" },
          message: { type: "string" },
          code: { type: "string", description: "machine-readable reason, where there is one" },
        },
      },
    },
  },
} as const;

const PROBLEMS: Record<string, string> = {
  "400": "The request could not be read (malformed JSON, bad parameter).",
  "401": "Sign in (or send a bearer token) first.",
  "403": "The caller may not do this.",
  "404": "Not found, or not visible to the caller (the two look the same).",
  "409": "Not possible in the record's current state, or a concurrent change.",
  "422": "Some fields need attention; `errors` names them.",
  "429": "Too many requests; try again later.",
};

type Transform = typeof jsonSchemaTransform;

/**
 * The OpenAPI description of a route: its zod schemas as JSON Schema, and for every `/api/v1`
 * operation the problem responses it may answer. Documentation only: what is sent is decided
 * by the route's own schemas and the error handler.
 */
export const openApiTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input);
  if (!input.url.startsWith("/api/v1/")) return out;
  const schema = (out.schema ?? {}) as { response?: Record<string, unknown> };
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  for (const [status, description] of Object.entries(PROBLEMS)) {
    if (response[status]) continue;
    response[status] = {
      description,
      content: { "application/problem+json": { schema: problemSchema } },
    };
  }
  return { ...out, schema: { ...schema, response } };
};
