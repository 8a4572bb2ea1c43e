import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string; code?: string }[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** An error a service or route throws to answer with a specific problem. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: { path: string; message: string; code?: string }[],
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}

/** The problems every module answers with, defined once. */
export const notFound = (detail = "Not found.") => new ProblemError(404, "not_found", detail);
export const unauthenticated = () => new ProblemError(401, "unauthenticated", "Sign in first.");
export const forbidden = (detail: string, code = "forbidden") =>
  new ProblemError(403, code, detail);

/** 422 with one entry per field the caller must fix. */
export function invalidInput(
  errors: { path: string; message: string }[],
  detail = "Some fields need attention.",
  code = "invalid_input",
): ProblemError {
  return new ProblemError(422, code, detail, errors);
}

/** 422 from a zod schema's refusal, each issue named by its path. */
export function invalidFromZod(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): ProblemError {
  return invalidInput(
    error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  );
}

export function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: { path: string; message: string; code?: string }[],
): ProblemBody {
  return {
    type: `urn:kakehashi:problem:${code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

const CODES_BY_FASTIFY_CODE: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "body_too_large",
    detail: "The request body is too large.",
  },
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: "file_too_large",
    detail: "An uploaded file is too large.",
  },
  FST_FILES_LIMIT: { status: 413, code: "too_many_files", detail: "Too many files were uploaded." },
  FST_PARTS_LIMIT: { status: 413, code: "too_many_parts", detail: "The form has too many parts." },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    detail: "Send application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    detail: "The JSON body is empty.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    detail: "The body is not valid JSON.",
  },
  FST_CSRF_MISSING_SECRET: {
    status: 403,
    code: "csrf_invalid",
    detail: "Missing or invalid CSRF token.",
  },
  FST_CSRF_INVALID_TOKEN: {
    status: 403,
    code: "csrf_invalid",
    detail: "Missing or invalid CSRF token.",
  },
};

/** Turns any error into the problem to answer with. Unknown errors become a bare 500. */
export function toProblem(error: FastifyError | Error): ProblemBody {
  if (error instanceof ProblemError)
    return problemBody(error.status, error.code, error.message, error.errors);
  if (hasZodFastifySchemaValidationErrors(error)) {
    return problemBody(
      422,
      "invalid_input",
      "The request is not valid.",
      error.validation.flatMap((issue) => {
        const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
        // A strict schema's unknown fields or query parameters: each one named as the path.
        const unknown = issue.keyword === "unrecognized_keys" ? issue.params.keys : undefined;
        if (Array.isArray(unknown)) {
          return unknown.map((key) => ({
            path: path ? `${path}.${String(key)}` : String(key),
            message: "is not a known parameter",
          }));
        }
        return [{ path, message: issue.message ?? "invalid" }];
      }),
    );
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? CODES_BY_FASTIFY_CODE[fastifyError.code] : undefined;
  if (known) return problemBody(known.status, known.code, known.detail);
  const status = fastifyError.statusCode ?? 500;
  if (status === 429)
    return problemBody(429, "rate_limited", "Too many requests; try again later.");
  if (status === 404) return problemBody(404, "not_found", "Not found.");
  if (status >= 400 && status < 500)
    return problemBody(status, "bad_request", fastifyError.message);
  return problemBody(500, "internal_error", "The server could not complete the request.");
}

/** Pages get HTML error pages; everything else (the API, machine clients) problem+json. */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith("/api/") || request.url === "/api") return false;
  return (request.headers.accept ?? "").includes("text/html");
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type("application/problem+json; charset=utf-8").send(body);
}
