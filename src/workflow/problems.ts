import { ProblemError } from "../platform/http/problem.ts";
import type { Rejection } from "./common.ts";
import type { WorkflowConflictError } from "./store.ts";

const STATUS: Record<Rejection["code"], number> = {
  transition_not_allowed: 409,
  nda_required: 409,
  forbidden: 403,
  invalid_input: 422,
};

/** The problem (API.md) a refused workflow command answers with. */
export function rejectionProblem(rejection: Rejection): ProblemError {
  return new ProblemError(
    STATUS[rejection.code],
    rejection.code,
    rejection.message,
    rejection.code === "invalid_input" ? (rejection.details ?? []) : undefined,
  );
}

/** A conflict that outlived its retries: the client may simply try again. */
export function conflictProblem(error: WorkflowConflictError): ProblemError {
  return new ProblemError(409, "conflict", `${error.message}; try again`);
}
