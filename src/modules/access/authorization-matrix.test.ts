import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTOR_KINDS,
  type ActorKind,
  type BrowserSession,
  type Cast,
  createCast,
  createTestUser,
  newIp,
  signIn,
  TEST_PASSWORD,
  type TestUser,
  USER_KINDS,
} from "../../../test/support/actors.ts";
import { draftFor, englishTranslation } from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { type MultipartFile, multipartBody } from "../../../test/support/multipart.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import type { UserActor } from "./actor.ts";
import { registeredRoutes } from "./route-access.ts";

/**
 * The authorization matrix: every route the application registers, and what each kind of
 * caller gets from it. A route without a row fails the suite (a new route needs an
 * authorization decision), and so does a row whose route is gone.
 *
 * Cells:
 * - OK: allowed, a 2xx (or a redirect that is not to the sign-in page);
 * - SIGNIN: a page that sends the visitor to /signin (303);
 * - a status: exactly that answer (401 no credentials, 403 may not act, 404 may not see; 409
 *   or 422 where the caller passes authorization but the probe's request is refused on its
 *   merits — the probe sends a bogus token, a wrong current password and the like; 415 for a
 *   credential-less API write that is not JSON, such as a multipart upload).
 *
 * API routes are called with the caller's API token; pages (paths outside /api) with the
 * caller's browser session (signed in with TOTP where the caller is an organization member)
 * and Accept: text/html.
 */
const OK = "ok";
const SIGNIN = "sign-in";
type Outcome = typeof OK | typeof SIGNIN | 401 | 403 | 404 | 409 | 415 | 422;
type Cells = readonly [
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
];

// biome-ignore format: a table, one route per line, one column per kind of caller
const MATRIX: readonly (readonly [route: string, cells: Cells])[] = [
  //                                                  anon    finder  finder2 intake  analyst intakeA coord   coordA  vendAA  vendAM  vendBM  site    csirt   prio
  ["GET /healthz",                                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/openapi.json",                          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Accounts
  ["POST /api/v1/finders",                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/auth/verify-email",                 [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["POST /api/v1/auth/resend-verification",          [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/auth/login",                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/auth/csrf",                          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/auth/second-factor",                [401,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409]],
  ["POST /api/v1/auth/totp/enrol",                   [401,    OK,     OK,     409,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409]],
  ["POST /api/v1/auth/totp/confirm",                 [401,    422,    422,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409,    409]],
  ["POST /api/v1/auth/logout",                       [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/auth/password-reset",               [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/auth/password-reset/complete",      [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["POST /api/v1/auth/accept-invitation",            [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["POST /api/v1/auth/password",                     [401,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /api/v1/me",                                 [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["PATCH /api/v1/me",                               [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/tokens",                            [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/tokens",                             [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["DELETE /api/v1/tokens/:id",                      [401,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/account/notifications",              [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["PUT /api/v1/account/notifications",              [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Organizations (the probes use vendor A)
  ["POST /api/v1/organizations",                     [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /api/v1/organizations",                      [401,    403,    403,    OK,     OK,     OK,     OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /api/v1/organizations/:id",                  [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404]],
  ["PATCH /api/v1/organizations/:id",                [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  ["GET /api/v1/organizations/:id/changes",          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404]],
  ["POST /api/v1/organizations/:id/nda",             [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /api/v1/organizations/:id/nda",              [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     OK,     404,    404,    404,    404]],
  ["POST /api/v1/organizations/:id/nda/accept",      [401,    404,    404,    403,    403,    403,    403,    403,    OK,     403,    404,    404,    404,    404]],
  ["POST /api/v1/organizations/:id/nda/request",     [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  // NDA texts (the coordinator publishes; the probes publish one first where a text is needed)
  ["GET /api/v1/nda-texts",                          [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /api/v1/nda-texts",                         [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /api/v1/nda-texts/current",                  [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/organizations/:id/members",          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404]],
  ["POST /api/v1/organizations/:id/members",         [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  ["DELETE /api/v1/organizations/:id/members/:userId", [401,  404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  // Priority provision (R-PRI-*): the desk starts and sends; the coordinator and the case's
  // affected vendor (A) agree; the probes' recipient is the cast's telecom recipient, whose
  // member is assigned to the delivery and whose NDA was accepted in the app
  ["POST /api/v1/cases/:id/priority-provisions",    [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/priority-provisions",     [401,    OK,     404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["GET /api/v1/priority-provisions/:pid",          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/priority-provisions/:pid/agreements", [401, 404,    404,    403,    403,    403,    OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/priority-provisions/:pid/finder-notice", [401, 404, 404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/priority-provisions/:pid/packages", [401,   404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/priority-provisions/:pid/send",    [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/priority-provisions/:pid/revoke",  [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/priority-recipients",               [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/priority-packages",                 [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["GET /api/v1/priority-packages/:id",             [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["GET /api/v1/priority-packages/:id/files/:fileId", [401,  404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["PUT /api/v1/priority-packages/:id/members",     [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    403]],
  ["POST /api/v1/priority-copies/trace",            [401,    403,    403,    OK,     OK,     OK,     403,    403,    403,    403,    403,    403,    403,    403]],
  // Priority provision pages (the probes as for the API rows)
  ["GET /cases/:id/priority",                        [SIGNIN, OK,     404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/priority/start",                 [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /priority-provisions/:pid/agreement",       [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /priority-provisions/:pid/finder-notice",   [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /priority-provisions/:pid/packages",        [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /priority-provisions/:pid/send",            [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /priority-provisions/:pid/revoke",          [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /priority-packages",                         [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["GET /priority-packages/:id",                     [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["GET /priority-packages/:id/files/:fileId",       [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    OK]],
  ["POST /priority-packages/:id/members",            [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    403]],
  ["GET /priority-copies/trace",                     [SIGNIN, 404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /priority-copies/trace",                    [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /priority-provision",                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Audit
  ["GET /api/v1/audit",                              [401,    403,    403,    403,    403,    OK,     403,    OK,     403,    403,    403,    403,    403,    403]],
  // Webhooks of the caller's organization: its admins (vendors, CSIRTs, site operators); the
  // probes under :id use a fresh endpoint of vendor A's
  ["GET /api/v1/organization/webhooks",              [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /api/v1/organization/webhooks",             [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["GET /api/v1/organization/webhooks/:id",          [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["PATCH /api/v1/organization/webhooks/:id",        [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["DELETE /api/v1/organization/webhooks/:id",       [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /api/v1/organization/webhooks/:id/rotate-secret", [401, 404, 404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["GET /api/v1/organization/webhooks/:id/deliveries", [401,  404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /api/v1/organization/webhooks/:id/test",    [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  // The intake desk's public key (R-SEC-3): for anyone
  ["GET /api/v1/desk-key",                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /desk-key.asc",                              [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /desk-key",                                  [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // The CVSS score and the CWE lookup behind the forms' helpers (issue 13 item 9): for anyone
  ["GET /api/v1/cvss/score",                         [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/cwe",                                [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Reports (each probe files a fresh product report of the finder's, status submitted)
  ["POST /api/v1/reports",                           [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/reports",                            [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/reports/:id",                        [401,    OK,     404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/request-info",          [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/resubmit",              [401,    409,    404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/accept",                [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/reject",                [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/close",                 [401,    403,    404,    409,    409,    409,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/kind",                  [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/forward",               [401,    403,    404,    409,    409,    409,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/assign",                [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/messages",              [401,    OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/messages",               [401,    OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/duplicates",             [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/disclosure-consultations", [401, OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/disclosure-consultations",  [401, OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/disclosure-consultations/:cid/answer", [401, 403, 404, OK, OK,  OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  // Risk (R-RISK-1): the desk on a report; the desk and the coordinator on a case (probes: a fresh report, a fresh notified case)
  ["PUT /api/v1/reports/:id/risk",                   [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["PUT /api/v1/cases/:id/risk",                     [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404,    404]],
  // Product cases (each probe uses a fresh case from a finder's report, vendor A notified under its NDA)
  ["GET /api/v1/unreachable-vendors",               [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/cases",                              [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /api/v1/cases",                             [401,    403,    403,    403,    403,    403,    403,    403,    422,    422,    422,    403,    OK,     403]],
  ["GET /api/v1/cases/:id",                          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/vendors",                 [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/vendors/:orgId/notify",   [401,    404,    404,    403,    403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/schedule",                [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/schedule-requests/:rid/decide", [401, 404, 404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/schedule-proposals",     [401,    404,    404,    403,    403,    403,    422,    422,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/schedule-proposals/:pid/answer", [401, 404, 404,   403,    403,    403,    403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/assign",                  [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/close",                   [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/vendors/:orgId/mark-unresponsive", [401, 404, 404, 403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/vendors/:orgId/publish-unreachable", [401, 404, 404, 403,  403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  // The probe's vendor A is notified already: removing it is refused on the merits (409).
  ["POST /api/v1/cases/:id/vendors/:orgId/remove",   [401,    404,    404,    403,    403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/committee-decision",      [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/refer-to-csirt",          [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/direct-contact-requests/:rid/approve", [401, 404, 404, 404, 404,   404,    404,    404,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/acknowledge",             [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/status",                  [401,    404,    404,    403,    403,    403,    403,    403,    409,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/countermeasures",         [401,    404,    404,    403,    403,    403,    403,    403,    409,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/others-affected",         [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/schedule-requests",       [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["PUT /api/v1/cases/:id/statement",                [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["PUT /api/v1/cases/:id/tracking-id",              [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["PUT /api/v1/cases/:id/members",                  [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/direct-contact-requests", [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/messages",                [401,    404,    404,    OK,     OK,     OK,     422,    422,    OK,     404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/direct-contacts",       [401,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/direct-contacts/:orgId/messages", [401, 403, 404, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/messages",                 [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/vendor-suggestions",       [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  // Advisories (each probe uses a fresh case like the cases rows; the public ones a published advisory)
  ["PUT /api/v1/cases/:id/advisory",                 [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/advisory/approve",        [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/terminate-embargo",       [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/advisory/preview",         [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/advisory/suggestion",      [401,    404,    404,    404,    404,    404,    OK,     OK,     404,    404,    404,    404,    404,    404]],
  // The finder's comments on the draft, through the desk (each probe uses a fresh drafted case)
  ["GET /api/v1/reports/:id/draft-advisory",         [401,    OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/draft-comments",         [401,    OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/draft-comments",        [401,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/credit",                [401,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/draft-comments/:cid/relay", [401, 403,   404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/finder-messages/:cid/relay", [401, 403,  404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/finder-messages",         [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/finder-comments",          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404,    404]],
  // Analysis tasks (R-ANA-1; each probe uses a fresh case whose report the desk admin reads)
  ["POST /api/v1/reports/:id/analysis-tasks",        [401,    403,    404,    OK,     403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/analysis-tasks",         [401,    404,    404,    OK,     403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/analysis-findings",      [401,    404,    404,    404,    404,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/analysis-tasks",          [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/analysis-tasks",           [401,    404,    404,    OK,     403,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/analysis-findings",        [401,    404,    404,    OK,     404,    OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/cases/:id/analysis-findings/:fid/relay", [401, 404,   404,    403,    403,    403,    OK,     OK,     404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/analysis-tasks",                     [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/analysis-tasks/:tid",                [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/analysis-tasks/:tid/findings",      [401,    404,    404,    404,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /api/v1/analysis-tasks/:tid/complete",      [401,    404,    404,    404,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/analysis-tasks/:tid/attachments/:attachmentId", [401, 404, 404, 404,   OK,     404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/advisories",                         [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisories/:advisoryId",             [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisories/:advisoryId/csaf",        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisories/:advisoryId/cve",         [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisories/:advisoryId/osv",         [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /feeds/advisories.rdf",                      [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /feeds/advisories.atom",                     [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // The CSAF trusted provider (public files; the file probes use the published advisory's)
  ["GET /.well-known/security.txt",                [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/provider-metadata.json", [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/feed-tlp-white.json",    [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/service.json",           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/category-tlp-white.json", [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/openpgp/:file",          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/white/index.txt",        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/white/changes.csv",      [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/white/:year/:file",      [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf",                        [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/white",                  [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /.well-known/csaf/white/:year",            [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisory-vendors",                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/advisory-products",                  [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /sitemap.xml",                               [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /advisories",                                [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /advisories/:advisoryId",                    [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /cases/:id/advisory",                        [SIGNIN, 404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/advisory",                       [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/advisory/approve",               [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/terminate-embargo",              [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["GET /cases/:id/advisory/preview",                [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /api/v1/reports/:id/attachments",           [415,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/attachments",            [401,    OK,     404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/reports/:id/attachments/:attachmentId", [401, OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  // Site cases (each probe forwards a fresh web report of the finder's to the cast's site operator,
  // whose member "site" is assigned by default; the claim probes send a bogus token)
  ["GET /api/v1/site-cases",                         [401,    403,    403,    OK,     OK,     OK,     403,    403,    403,    403,    403,    OK,     403,    403]],
  ["POST /api/v1/site-cases/claim",                  [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /api/v1/site-cases/:id",                     [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/acknowledge",        [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/result",             [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/leak-notice",        [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/mark-unreachable",   [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /api/v1/site-cases/:id/close",              [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /api/v1/site-cases/:id/analysis-requests",  [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /api/v1/site-cases/:id/analysis-requests/:rid/grant", [401, 404, 404, 403,   403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/analysis-requests/:rid/deny",  [401, 404, 404, 403,   403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /api/v1/site-cases/:id/messages",           [401,    404,    404,    403,    403,    OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["GET /api/v1/site-cases/:id/messages",            [401,    404,    404,    403,    403,    OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["PUT /api/v1/site-cases/:id/members",             [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    403,    404,    404]],
  ["GET /api/v1/leak-notices",                       [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /api/v1/leak-notices/:id",                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Pages: home and language
  ["GET /",                                          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /language",                                 [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Pages: accounts
  ["GET /signup",                                    [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /signup",                                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /verify-email",                              [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /verify-email",                             [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /signin",                                    [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /signin",                                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /signin/second-factor",                      [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /signin/second-factor",                     [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /account/two-factor",                        [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/two-factor",                       [401,    422,    422,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /signout",                                  [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /password-reset",                            [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /password-reset",                           [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /password-reset/complete",                   [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /password-reset/complete",                  [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /invitation",                                [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /invitation",                               [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /account",                                   [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/profile",                          [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/password",                         [401,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["POST /account/resend-verification",              [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/tokens",                           [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/tokens/:id/revoke",                [401,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /account/notifications",                     [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /account/notifications",                    [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Pages: the directory (the probes use vendor A)
  ["GET /directory",                                 [SIGNIN, 403,    403,    OK,     OK,     OK,     OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /directory/new",                             [SIGNIN, 403,    403,    OK,     403,    OK,     OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /directory/new",                            [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /organization",                              [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /directory/:id",                             [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404]],
  ["POST /directory/:id/edit",                       [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  ["POST /directory/:id/nda",                        [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /nda-texts",                                 [SIGNIN, 403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /nda-texts",                                [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["GET /organization/nda",                          [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /organization/nda/accept",                  [401,    404,    404,    403,    403,    403,    403,    403,    OK,     403,    403,    403,    403,    403]],
  ["POST /directory/:id/members",                    [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  ["POST /directory/:id/members/:userId/remove",     [401,    404,    404,    403,    403,    403,    OK,     OK,     OK,     403,    404,    404,    404,    404]],
  // Pages: webhooks (as the API rows)
  ["GET /organization/webhooks",                     [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks",                    [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["GET /organization/webhooks/:id",                 [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks/:id/edit",           [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks/:id/deactivate",     [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks/:id/activate",       [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks/:id/rotate-secret",  [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  ["POST /organization/webhooks/:id/test",           [401,    404,    404,    404,    404,    404,    404,    404,    OK,     403,    403,    403,    403,    404]],
  // Pages: audit
  ["GET /admin/audit",                               [SIGNIN, 403,    403,    403,    403,    OK,     403,    OK,     403,    403,    403,    403,    403,    403]],
  // Pages: reports (the probes under /reports/:id use a fresh product report of the finder's, status submitted)
  ["GET /reports/new",                               [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /reports/new",                              [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /reports/new/confirm",                      [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["POST /reports/new/send",                         [401,    OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /reports",                                   [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /reports/:id",                               [SIGNIN, OK,     404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/messages",                     [401,    OK,     404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/resubmit",                     [401,    409,    404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/assign",                       [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/request-info",                 [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/accept",                       [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/reject",                       [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/close",                        [401,    403,    404,    409,    409,    409,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/kind",                         [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/forward",                      [401,    403,    404,    409,    409,    409,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/attachments",                  [401,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/direct-contacts/:orgId/messages", [401, OK,     404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/draft-comments",                [401,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/credit",                        [401,    OK,     404,    403,    403,    403,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/draft-comments/:cid/relay",     [401,    403,    404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/finder-messages/:cid/relay",    [401,    403,    404,    403,    403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/risk",                          [401,    403,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/risk",                            [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404,    404]],
  // Pages: analysis tasks (as the API rows above)
  ["GET /analysis-tasks",                            [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /analysis-tasks/:tid",                       [SIGNIN, 404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /analysis-tasks/:tid/findings",             [401,    404,    404,    404,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /analysis-tasks/:tid/complete",             [401,    404,    404,    404,    OK,     404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /reports/:id/analysis-tasks",               [401,    403,    404,    OK,     403,    OK,     404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/analysis-tasks",                 [401,    404,    404,    OK,     403,    OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/analysis-findings/:fid/relay",   [401,    404,    404,    403,    403,    403,    OK,     OK,     404,    404,    404,    404,    404,    404]],
  // Pages: site cases (as the API rows above; the claim probes send a bogus token)
  ["GET /site-cases",                                [SIGNIN, 403,    403,    OK,     OK,     OK,     403,    403,    403,    403,    403,    OK,     403,    403]],
  ["GET /site-cases/claim",                          [404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /site-cases/claim",                         [422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422,    422]],
  ["GET /site-cases/:id",                            [SIGNIN, 404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/acknowledge",               [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/result",                    [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/leak-notice",               [401,    404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/mark-unreachable",          [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /site-cases/:id/close",                     [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /site-cases/:id/analysis-requests",         [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /site-cases/:id/analysis-requests/:rid/grant", [401, 404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/analysis-requests/:rid/deny",  [401, 404,    404,    403,    403,    403,    404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/messages",                  [401,    404,    404,    403,    403,    OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["GET /leak-notices",                              [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /leak-notices/:id",                          [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /unreachable-vendors",                       [OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  // Pages: product cases (the probes under /cases/:id use a fresh case, vendor A notified under its NDA)
  ["GET /cases",                                     [SIGNIN, OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]],
  ["GET /cases/:id",                                 [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/assign",                         [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/vendors",                        [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/vendors/:orgId/notify",          [401,    404,    404,    403,    403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  ["GET /cases/:id/vendors/:orgId/nda",              [SIGNIN, 403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /cases/:id/vendors/:orgId/nda",             [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /cases/:id/vendors/:orgId/nda-request",     [401,    403,    403,    403,    403,    403,    OK,     OK,     403,    403,    403,    403,    403,    403]],
  ["POST /cases/:id/schedule",                       [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/schedule-requests/decide",       [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/mark-unresponsive",              [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/publish-unreachable",            [401,    404,    404,    403,    403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/remove-vendor",                  [401,    404,    404,    403,    403,    403,    409,    409,    403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/direct-contact-requests/:rid/approve", [401, 404, 404,    OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/close",                          [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/committee-decision",             [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/refer-to-csirt",                 [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/acknowledge",                    [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/status",                         [401,    404,    404,    403,    403,    403,    403,    403,    409,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/countermeasures",                [401,    404,    404,    403,    403,    403,    403,    403,    409,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/others-affected",                [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/schedule-requests",              [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/statement",                      [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/tracking-id",                    [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/members",                        [401,    404,    404,    403,    403,    403,    403,    403,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/messages",                       [401,    404,    404,    OK,     OK,     OK,     422,    422,    OK,     404,    404,    404,    404,    404]],
  ["POST /cases/:id/finder-messages",                 [401,    404,    404,    403,    403,    403,    OK,     OK,     403,    404,    404,    404,    404,    404]],
  // Outside analysis (R-ANA-2): the desk shares a case (fresh, vendor A notified) and revokes, the
  // coordinator reads the shares; only an analysis organization's members read one (none of the
  // cast is: analysis-shares.routes.test.ts probes its admin, members and another organization)
  ["POST /api/v1/cases/:id/analysis-shares",         [401,    404,    404,    OK,     OK,     OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /api/v1/cases/:id/analysis-shares",          [401,    404,    404,    OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["DELETE /api/v1/cases/:id/analysis-shares/:sid",  [401,    404,    404,    OK,     OK,     OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /api/v1/site-cases/:id/analysis-shares",    [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["GET /api/v1/site-cases/:id/analysis-shares",     [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["DELETE /api/v1/site-cases/:id/analysis-shares/:sid", [401, 404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["GET /api/v1/analysis-shares",                    [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /api/v1/analysis-shares/:sid",               [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["PUT /api/v1/analysis-shares/:sid/members",       [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /cases/:id/analysis-shares",                 [SIGNIN, 404,    404,    OK,     OK,     OK,     OK,     OK,     403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/analysis-shares",                [401,    404,    404,    OK,     OK,     OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["POST /cases/:id/analysis-shares/:sid/revoke",    [401,    404,    404,    OK,     OK,     OK,     403,    403,    403,    404,    404,    404,    404,    404]],
  ["GET /site-cases/:id/analysis-shares",            [SIGNIN, 404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    OK,     404,    404]],
  ["POST /site-cases/:id/analysis-shares",           [401,    404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["POST /site-cases/:id/analysis-shares/:sid/revoke", [401,  404,    404,    OK,     OK,     OK,     404,    404,    404,    404,    404,    403,    404,    404]],
  ["GET /analysis-shares",                           [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["GET /analysis-shares/:sid",                      [SIGNIN, 404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
  ["POST /analysis-shares/:sid/members",             [401,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404,    404]],
];

/** What a probe needs to build its request. */
interface ProbeContext {
  kind: ActorKind;
  user: TestUser | null;
  cast: Cast;
  runtime: TestRuntime;
  /** A finder without TOTP whom the sign-in probes sign in. */
  loginTarget: TestUser;
  coordinator: UserActor;
  finder: UserActor;
  /** A fresh string for unique names and addresses. */
  unique(): string;
}

interface Probe {
  /** The URL (default: the route's path) and the body (JSON for /api, a form for pages). */
  request?(context: ProbeContext): Promise<ProbeRequest> | ProbeRequest;
  /** The probe ends or replaces the browser session: give it a session of its own. */
  freshSession?: true;
}
interface ProbeRequest {
  url?: string;
  body?: Record<string, unknown>;
  /** A multipart body instead (uploads): its text fields and files. */
  multipart?: { fields: Record<string, string>; files: MultipartFile[] };
}

const BOGUS_TOKEN = "kkm_not-a-token-from-any-mail-0000";
const NDA = { signedAt: "2026-11-20T10:00:00+09:00", version: "NDA-2026" };

const vendorA = (context: ProbeContext) => context.cast.organizations.vendorA;

/** The NDA text offered now, published by the coordinator first when there is none. */
async function offeredNda(context: ProbeContext): Promise<{ id: string; version: string }> {
  const { nda } = context.runtime.services;
  const current = await nda.current(context.coordinator);
  if (current) return current;
  const version = `matrix-${context.unique()}`;
  const { id } = await nda.publish(context.coordinator, {
    version,
    bodyJa: "受領者は脆弱性情報を秘密として保持する。",
    bodyEn: "The recipient keeps vulnerability information secret.",
  });
  return { id, version };
}

/** A token of the finder's, made for this probe: only the finder may revoke it. */
async function finderTokenId(context: ProbeContext): Promise<string> {
  const { id } = await context.runtime.services.accounts.createApiToken(
    context.finder,
    `victim-${context.unique()}`,
  );
  return id;
}

/** A member of vendor A, invited for this probe, to be removed. */
async function vendorAInvitee(context: ProbeContext): Promise<string> {
  const { userId } = await context.runtime.services.organizations.inviteMember(
    context.coordinator,
    vendorA(context),
    { email: `leaving-${context.unique()}@vendor-a.example`, name: "Leaving", role: "member" },
  );
  return userId;
}

/** Starts TOTP enrolment for callers who have not enrolled, so a confirmation has something to check. */
async function startEnrolment(context: ProbeContext): Promise<void> {
  if (!context.user || context.user.totpSecret) return;
  const actor = await context.cast.actorOf(context.user);
  await context.runtime.services.accounts.startTotpEnrolment(actor);
}

/** The edit form of vendor A as its admin and the coordinator see it, all fields filled. */
const vendorAEditForm = {
  name: "Vendor A Corporation",
  contactEmails: "psirt@vendor-a.example",
  pgpPublicKey: "",
  products: "Router A100",
  keywords: "router",
  domains: "vendor-a.example",
};

/** A product report of the finder's, filed for this probe (status submitted). */
async function finderReport(context: ProbeContext, directContact = false): Promise<string> {
  const { id } = await context.runtime.services.reports.submit(context.finder, {
    kind: "product",
    title: `Matrix report ${context.unique()}`,
    productName: "Router A100",
    productVersion: "1.0",
    description: "A stored XSS in the admin console.",
    reproduction: "Open the console and add a device named <script>.",
    consent: {
      identityToCoordinator: false,
      identityToVendor: false,
      directContact,
      credit: null,
    },
  });
  return id;
}

/** A report of the finder's with one attached file: its id and the file's. */
async function finderAttachment(context: ProbeContext): Promise<[string, string]> {
  const reportId = await finderReport(context);
  const [item] = await context.runtime.services.attachments.upload(context.finder, reportId, {
    class: "verification_method",
    files: [{ name: "steps.txt", bytes: Buffer.from("1. open the console\n") }],
  });
  return [reportId, item?.id ?? ""];
}

/** The upload a probe sends: one small text file of the attack-method class. */
const attachmentUpload = {
  fields: { class: "attack_method" },
  files: [{ name: "poc.txt", content: "curl http://router/admin\n", contentType: "text/plain" }],
};
/**
 * A web report of the finder's, forwarded by the desk to the cast's site operator: a fresh site
 * case in operator_notified, seen by the operator's member (assigned by default).
 */
async function siteCase(context: ProbeContext): Promise<string> {
  const { reports } = context.runtime.services;
  const desk = await context.cast.actorOf(context.cast.users.intakeAdmin);
  const { id } = await reports.submit(context.finder, {
    kind: "web",
    title: `Matrix site report ${context.unique()}`,
    siteUrl: "https://shop.example/search",
    description: "SQL injection in the search.",
    reproduction: "Search for a quote.",
    consent: { identityToOperator: false, directContact: false },
  });
  await reports.accept(desk, id);
  const forwarded = await reports.forward(desk, id, {
    operatorOrganizationId: context.cast.organizations.siteOperator,
  });
  return forwarded.siteCaseId as string;
}

/** A fresh site case with a pending analysis request of the desk's: its path prefix. */
async function analysisRequest(context: ProbeContext, prefix: string): Promise<string> {
  const id = await siteCase(context);
  const desk = await context.cast.actorOf(context.cast.users.intakeAdmin);
  const request = await context.runtime.services.siteCases.requestAnalysis(desk, id, {});
  return `${prefix}/${id}/analysis-requests/${request.id}`;
}

/** A published leak notice of the cast's site operator. */
async function leakNotice(context: ProbeContext): Promise<string> {
  const id = await siteCase(context);
  const operator = await context.cast.actorOf(context.cast.users.siteOperator);
  const notice = await context.runtime.services.siteCases.publishLeakNotice(operator, id, LEAK);
  return notice.id;
}

const LEAK = {
  summary: "Customer names could be read.",
  period: "October 2026",
  affectedCount: 10,
  dataKinds: ["names"],
  cause: "A flaw in the search.",
  contact: "privacy@shop.example",
};
const LEAK_FORM = { ...LEAK, affectedCount: "10", dataKinds: "names" };
const siteCaseUrl = async (c: ProbeContext, suffix = "") =>
  `/api/v1/site-cases/${await siteCase(c)}${suffix}`;
const siteCasePage = async (c: ProbeContext, suffix = "") =>
  `/site-cases/${await siteCase(c)}${suffix}`;

const reportUrl = async (context: ProbeContext, suffix = "") =>
  `/api/v1/reports/${await finderReport(context)}${suffix}`;

/** The report page of a fresh report of the finder's. */
const reportPage = async (context: ProbeContext, suffix = "") =>
  `/reports/${await finderReport(context)}${suffix}`;

/** The new-report form as the page sends it (a product report, every field). */
const reportForm = (context: ProbeContext) => ({
  kind: "product",
  title: `Matrix page report ${context.unique()}`,
  productName: "Router A100",
  productVersion: "1.0",
  vendorName: "",
  description: "A stored XSS in the admin console.",
  reproduction: "Open the console and add a device named <script>.",
  verificationMethod: "",
  attackMethod: "",
  cvssVector: "",
  cwe: "",
  howFound: "",
  disclosurePlans: "",
  identityToCoordinator: "1",
});

/**
 * A case from a fresh report of the finder's, forwarded, with vendor A notified under its NDA
 * (the finder consenting to direct contact when asked).
 */
async function notifiedCase(context: ProbeContext, directContact = false): Promise<string> {
  const { reports, organizations, cases } = context.runtime.services;
  const reportId = await finderReport(context, directContact);
  const desk = await context.cast.actorOf(context.cast.users.intakeAdmin);
  await reports.accept(desk, reportId);
  const { caseId } = await reports.forward(desk, reportId, {});
  if (!caseId) throw new Error("the forward made no case");
  await cases.assign(context.coordinator, caseId, {
    userId: context.cast.users.coordinatorMember.userId,
  });
  await organizations.recordNda(context.coordinator, vendorA(context), NDA);
  await cases.addVendor(context.coordinator, caseId, { organizationId: vendorA(context) });
  await cases.notifyVendor(context.coordinator, caseId, { orgId: vendorA(context) });
  return caseId;
}

/** The report (of the finder's) behind a fresh notified case. */
async function caseReportUrl(context: ProbeContext, suffix: string): Promise<string> {
  const caseId = await notifiedCase(context);
  const view = await context.runtime.services.cases.get(context.coordinator, caseId);
  return `/api/v1/reports/${(view as { reportId: string }).reportId}${suffix}`;
}

const caseUrl = async (context: ProbeContext, suffix = "") =>
  `/api/v1/cases/${await notifiedCase(context)}${suffix}`;
const vendorAAdminActor = (context: ProbeContext) =>
  context.cast.actorOf(context.cast.users.vendorAAdmin);
const IN_60_DAYS = "2027-02-01T00:00:00.000Z";

/** The case page of a fresh case (vendor A notified). */
const casePage = async (context: ProbeContext, suffix = "") =>
  `/cases/${await notifiedCase(context)}${suffix}`;

/** A fresh case whose finder consented to direct contact, and vendor A's request for it. */
async function directContactRequest(context: ProbeContext): Promise<[string, string]> {
  const caseId = await notifiedCase(context, true);
  const { id } = await context.runtime.services.cases.requestDirectContact(
    await vendorAAdminActor(context),
    caseId,
    { reason: "We need the finder's test setup." },
  );
  return [caseId, id];
}

/** The case pages' forms, as the pages send them (a datetime in Japan time, no seconds). */
const CASE_PAGE_PROBES: Record<string, Probe> = {
  "POST /cases/:id/direct-contact-requests/:rid/approve": {
    request: async (c) => {
      const [caseId, requestId] = await directContactRequest(c);
      return { url: `/cases/${caseId}/direct-contact-requests/${requestId}/approve` };
    },
  },
  "POST /cases/:id/publish-unreachable": {
    request: async (c) => ({
      url: await casePage(c, "/publish-unreachable"),
      body: {
        unreachableOrgId: vendorA(c),
        unreachableStage: "name",
        unreachableDecision: "Listed after the committee's review.",
      },
    }),
  },
  // The contact opened (both approvals): the finder of the report may write to vendor A.
  "POST /reports/:id/direct-contacts/:orgId/messages": {
    request: async (c) => {
      const [caseId, requestId] = await directContactRequest(c);
      const { cases } = c.runtime.services;
      const desk = await c.cast.actorOf(c.cast.users.intakeAdmin);
      await cases.approveDirectContact(c.coordinator, caseId, { rid: requestId });
      await cases.approveDirectContact(desk, caseId, { rid: requestId });
      const view = await cases.get(c.coordinator, caseId);
      const reportId = (view as { reportId: string }).reportId;
      return {
        url: `/reports/${reportId}/direct-contacts/${vendorA(c)}/messages`,
        body: { [`contactBody-${vendorA(c)}`]: "Here is my test setup." },
      };
    },
  },
  "GET /cases/:id": { request: async (c) => ({ url: await casePage(c) }) },
  "POST /cases/:id/assign": {
    request: async (c) => ({
      url: await casePage(c, "/assign"),
      body: { assigneeUserId: c.cast.users.coordinatorAdmin.userId },
    }),
  },
  "POST /cases/:id/vendors": {
    request: async (c) => ({
      url: await casePage(c, "/vendors"),
      body: { organizationId: c.cast.organizations.vendorB, addReason: "" },
    }),
  },
  "POST /cases/:id/vendors/:orgId/notify": {
    request: async (c) => ({ url: await casePage(c, `/vendors/${vendorA(c)}/notify`) }),
  },
  "GET /cases/:id/vendors/:orgId/nda": {
    request: async (c) => ({ url: await casePage(c, `/vendors/${vendorA(c)}/nda`) }),
  },
  "POST /cases/:id/vendors/:orgId/nda": {
    request: async (c) => ({
      url: await casePage(c, `/vendors/${vendorA(c)}/nda`),
      body: { signedAt: "2026-11-20", version: "NDA-2026" },
    }),
  },
  "POST /cases/:id/vendors/:orgId/nda-request": {
    request: async (c) => {
      await offeredNda(c);
      return { url: await casePage(c, `/vendors/${vendorA(c)}/nda-request`) };
    },
  },
  "POST /cases/:id/schedule": {
    request: async (c) => ({
      url: await casePage(c, "/schedule"),
      body: {
        publishAt: "2027-02-01T09:00",
        countermeasureDue: "",
        scheduleReason: "agreed with the vendor",
        exceedReason: "",
      },
    }),
  },
  "POST /cases/:id/schedule-requests/decide": {
    request: async (c) => {
      const caseId = await notifiedCase(c);
      const { id } = await c.runtime.services.cases.requestSchedule(
        await vendorAAdminActor(c),
        caseId,
        { publishAt: IN_60_DAYS, reason: "a longer test cycle" },
      );
      return {
        url: `/cases/${caseId}/schedule-requests/decide`,
        body: {
          requestId: id,
          decision: "decline",
          decisionReason: "the date stands",
          decisionExceedReason: "",
        },
      };
    },
  },
  "POST /cases/:id/mark-unresponsive": {
    request: async (c) => ({
      url: await casePage(c, "/mark-unresponsive"),
      body: { unresponsiveOrgId: vendorA(c), unresponsiveNote: "No answer to three reminders." },
    }),
  },
  "POST /cases/:id/remove-vendor": {
    request: async (c) => ({
      url: await casePage(c, "/remove-vendor"),
      body: { removeOrgId: vendorA(c), removeReason: "Not their product." },
    }),
  },
  "POST /cases/:id/close": {
    request: async (c) => ({
      url: await casePage(c, "/close"),
      body: { closeReason: "no_action", closeMessage: "Works as designed.", duplicateOf: "" },
    }),
  },
  "POST /cases/:id/committee-decision": {
    request: async (c) => ({
      url: await casePage(c, "/committee-decision"),
      body: { committeeDecision: "do_not_publish", committeeSummary: "Not yet." },
    }),
  },
  "POST /cases/:id/refer-to-csirt": {
    request: async (c) => ({
      url: await casePage(c, "/refer-to-csirt"),
      body: {
        csirtOrganizationId: c.cast.organizations.csirt,
        referNote: "The developer is abroad.",
      },
    }),
  },
  "POST /cases/:id/acknowledge": {
    request: async (c) => ({ url: await casePage(c, "/acknowledge") }),
  },
  "POST /cases/:id/status": {
    request: async (c) => ({
      url: await casePage(c, "/status"),
      body: { status: "investigating", statement: "" },
    }),
  },
  "POST /cases/:id/countermeasures": {
    request: async (c) => ({
      url: await casePage(c, "/countermeasures"),
      body: {
        countermeasureType: "workaround",
        countermeasureDescription: "Turn off the admin console.",
        affectedVersions: "",
        fixedVersions: "",
        countermeasureUrl: "",
      },
    }),
  },
  "POST /cases/:id/others-affected": {
    request: async (c) => ({
      url: await casePage(c, "/others-affected"),
      body: { otherVendorName: "Vendor B", otherReason: "Same library." },
    }),
  },
  "POST /cases/:id/schedule-requests": {
    request: async (c) => ({
      url: await casePage(c, "/schedule-requests"),
      body: { requestPublishAt: "2027-02-01T09:00", requestReason: "A longer test cycle." },
    }),
  },
  "POST /cases/:id/statement": {
    request: async (c) => ({
      url: await casePage(c, "/statement"),
      body: { statementText: "We fixed it.", advisoryUrl: "", statementContact: "" },
    }),
  },
  "POST /cases/:id/tracking-id": {
    request: async (c) => ({
      url: await casePage(c, "/tracking-id"),
      body: { trackingId: "PSIRT-1" },
    }),
  },
  "POST /cases/:id/members": {
    request: async (c) => ({
      url: await casePage(c, "/members"),
      body: { userIds: c.cast.users.vendorAMember.userId },
    }),
  },
  "POST /cases/:id/messages": {
    request: async (c) => ({ url: await casePage(c, "/messages"), body: { body: "A question." } }),
  },
};

const CASE_PROBES: Record<string, Probe> = {
  ...CASE_PAGE_PROBES,
  "GET /api/v1/cases/:id/vendor-suggestions": {
    request: async (c) => ({ url: await caseUrl(c, "/vendor-suggestions") }),
  },
  "POST /api/v1/cases": {
    request: (c) => ({
      body: {
        title: `Matrix CSIRT case ${c.unique()}`,
        description: "A router flaw reported abroad.",
        vendorNames: ["Vendor A"],
        publishAt: IN_60_DAYS,
      },
    }),
  },
  "GET /api/v1/cases/:id": { request: async (c) => ({ url: await caseUrl(c) }) },
  "POST /api/v1/cases/:id/vendors": {
    request: async (c) => ({
      url: await caseUrl(c, "/vendors"),
      body: { organizationId: c.cast.organizations.vendorB },
    }),
  },
  "POST /api/v1/cases/:id/vendors/:orgId/notify": {
    request: async (c) => ({ url: await caseUrl(c, `/vendors/${vendorA(c)}/notify`) }),
  },
  "POST /api/v1/cases/:id/schedule": {
    request: async (c) => ({
      url: await caseUrl(c, "/schedule"),
      body: { publishAt: IN_60_DAYS, reason: "agreed with the vendor" },
    }),
  },
  "POST /api/v1/cases/:id/schedule-requests/:rid/decide": {
    request: async (c) => {
      const caseId = await notifiedCase(c);
      const { id } = await c.runtime.services.cases.requestSchedule(
        await vendorAAdminActor(c),
        caseId,
        {
          publishAt: IN_60_DAYS,
          reason: "a longer test cycle",
        },
      );
      return {
        url: `/api/v1/cases/${caseId}/schedule-requests/${id}/decide`,
        body: { decision: "decline", reason: "the date stands" },
      };
    },
  },
  "POST /api/v1/cases/:id/schedule-proposals": {
    request: async (c) => ({
      url: await caseUrl(c, "/schedule-proposals"),
      body: { publishAt: IN_60_DAYS, reason: "The vendor needs longer." },
    }),
  },
  "POST /api/v1/cases/:id/schedule-proposals/:pid/answer": {
    request: async (c) => ({
      url: await caseUrl(c, "/schedule-proposals/no-such-proposal/answer"),
      body: { decision: "agree" },
    }),
  },
  "POST /api/v1/cases/:id/assign": {
    request: async (c) => ({
      url: await caseUrl(c, "/assign"),
      body: { userId: c.cast.users.coordinatorAdmin.userId },
    }),
  },
  "POST /api/v1/cases/:id/close": {
    request: async (c) => ({
      url: await caseUrl(c, "/close"),
      body: { reason: "no_action", message: "Works as designed." },
    }),
  },
  "POST /api/v1/cases/:id/vendors/:orgId/mark-unresponsive": {
    request: async (c) => ({
      url: await caseUrl(c, `/vendors/${vendorA(c)}/mark-unresponsive`),
      body: { note: "No answer to three reminders." },
    }),
  },
  "POST /api/v1/cases/:id/vendors/:orgId/publish-unreachable": {
    request: async (c) => ({
      url: await caseUrl(c, `/vendors/${vendorA(c)}/publish-unreachable`),
      body: { stage: "name", decision: "Listed after the committee's review." },
    }),
  },
  "POST /api/v1/cases/:id/vendors/:orgId/remove": {
    request: async (c) => ({
      url: await caseUrl(c, `/vendors/${vendorA(c)}/remove`),
      body: { reason: "Not their product." },
    }),
  },
  "POST /api/v1/cases/:id/committee-decision": {
    request: async (c) => ({
      url: await caseUrl(c, "/committee-decision"),
      body: { decision: "do_not_publish", summary: "Not yet." },
    }),
  },
  "POST /api/v1/cases/:id/refer-to-csirt": {
    request: async (c) => ({
      url: await caseUrl(c, "/refer-to-csirt"),
      body: { csirtOrganizationId: c.cast.organizations.csirt, note: "The developer is abroad." },
    }),
  },
  "POST /api/v1/cases/:id/direct-contact-requests/:rid/approve": {
    request: async (c) => ({
      url: await caseUrl(c, "/direct-contact-requests/no-such-request/approve"),
    }),
  },
  "POST /api/v1/cases/:id/acknowledge": {
    request: async (c) => ({ url: await caseUrl(c, "/acknowledge") }),
  },
  "POST /api/v1/cases/:id/status": {
    request: async (c) => ({ url: await caseUrl(c, "/status"), body: { status: "investigating" } }),
  },
  "POST /api/v1/cases/:id/countermeasures": {
    request: async (c) => ({
      url: await caseUrl(c, "/countermeasures"),
      body: { type: "workaround", description: "Turn off the admin console." },
    }),
  },
  "POST /api/v1/cases/:id/others-affected": {
    request: async (c) => ({
      url: await caseUrl(c, "/others-affected"),
      body: { vendorName: "Vendor B", reason: "Same library." },
    }),
  },
  "POST /api/v1/cases/:id/schedule-requests": {
    request: async (c) => ({
      url: await caseUrl(c, "/schedule-requests"),
      body: { publishAt: IN_60_DAYS, reason: "A longer test cycle." },
    }),
  },
  "PUT /api/v1/cases/:id/statement": {
    request: async (c) => ({ url: await caseUrl(c, "/statement"), body: { text: "We fixed it." } }),
  },
  "PUT /api/v1/cases/:id/tracking-id": {
    request: async (c) => ({
      url: await caseUrl(c, "/tracking-id"),
      body: { trackingId: "PSIRT-1" },
    }),
  },
  "PUT /api/v1/cases/:id/members": {
    request: async (c) => ({
      url: await caseUrl(c, "/members"),
      body: { userIds: [c.cast.users.vendorAMember.userId] },
    }),
  },
  "POST /api/v1/cases/:id/direct-contact-requests": {
    request: async (c) => ({
      url: await caseUrl(c, "/direct-contact-requests"),
      body: { reason: "We need the finder's test setup." },
    }),
  },
  "POST /api/v1/cases/:id/messages": {
    request: async (c) => ({ url: await caseUrl(c, "/messages"), body: { body: "A question." } }),
  },
  "GET /api/v1/reports/:id/direct-contacts": {
    request: async (c) => ({ url: await caseReportUrl(c, "/direct-contacts") }),
  },
  "POST /api/v1/reports/:id/direct-contacts/:orgId/messages": {
    request: async (c) => ({
      url: await caseReportUrl(c, `/direct-contacts/${vendorA(c)}/messages`),
      body: { body: "Hello" },
    }),
  },
  "GET /api/v1/cases/:id/messages": {
    request: async (c) => ({ url: await caseUrl(c, "/messages") }),
  },
};

/** A notified case (as the case rows use) with an advisory draft of the coordinator's. */
async function draftedCase(context: ProbeContext): Promise<string> {
  const caseId = await notifiedCase(context);
  await context.runtime.services.advisories.saveDraft(
    context.coordinator,
    caseId,
    // With English text, so that the published advisory has a CVE record (not 409).
    draftFor(context.cast, { translation: englishTranslation }),
  );
  return caseId;
}

/** One published advisory per run (published by ending its case's embargo), URL-encoded. */
const publishedAdvisories = new WeakMap<TestRuntime, Promise<string>>();
function publishedAdvisory(context: ProbeContext): Promise<string> {
  let advisory = publishedAdvisories.get(context.runtime);
  if (!advisory) {
    advisory = (async () => {
      const { advisories } = context.runtime.services;
      const caseId = await draftedCase(context);
      await advisories.approve(context.coordinator, caseId);
      await advisories.terminateEmbargo(context.coordinator, caseId, {
        reason: "exploit_public",
        note: "A proof of concept was posted.",
      });
      return encodeURIComponent((await advisories.advisoryIdOfCase(caseId)) ?? "");
    })();
    publishedAdvisories.set(context.runtime, advisory);
  }
  return advisory;
}

/** The advisory draft form as the page sends it. */
const advisoryForm = (context: ProbeContext) => ({
  title: "Stored XSS in Router A100",
  overview: "The admin console of Router A100 has a stored XSS.",
  description: "The device name is shown without escaping.",
  impact: "Script runs in an administrator's browser.",
  cwe: "CWE-79",
  cvssV3: "",
  cvssV4: "",
  cveIds: "",
  "affected.0.vendorOrgId": vendorA(context),
  "affected.0.product": "Router A100",
  "affected.0.versions": "1.0",
  references: "",
});

const ADVISORY_PROBES: Record<string, Probe> = {
  "PUT /api/v1/cases/:id/advisory": {
    request: async (c) => ({ url: await caseUrl(c, "/advisory"), body: draftFor(c.cast) }),
  },
  "POST /api/v1/cases/:id/advisory/approve": {
    request: async (c) => ({ url: `/api/v1/cases/${await draftedCase(c)}/advisory/approve` }),
  },
  "POST /api/v1/cases/:id/terminate-embargo": {
    request: async (c) => ({
      url: await caseUrl(c, "/terminate-embargo"),
      body: { reason: "leak", note: "Posted on a forum." },
    }),
  },
  "GET /api/v1/cases/:id/advisory/preview": {
    request: async (c) => ({ url: `/api/v1/cases/${await draftedCase(c)}/advisory/preview` }),
  },
  "GET /api/v1/cases/:id/advisory/suggestion": {
    request: async (c) => ({ url: await caseUrl(c, "/advisory/suggestion") }),
  },
  "GET /api/v1/cvss/score": {
    request: () => ({
      url: "/api/v1/cvss/score?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    }),
  },
  "GET /api/v1/cwe": { request: () => ({ url: "/api/v1/cwe?q=79" }) },
  "GET /api/v1/advisories/:advisoryId": {
    request: async (c) => ({ url: `/api/v1/advisories/${await publishedAdvisory(c)}` }),
  },
  "GET /api/v1/advisories/:advisoryId/csaf": {
    request: async (c) => ({ url: `/api/v1/advisories/${await publishedAdvisory(c)}/csaf` }),
  },
  "GET /api/v1/advisories/:advisoryId/cve": {
    request: async (c) => ({ url: `/api/v1/advisories/${await publishedAdvisory(c)}/cve` }),
  },
  "GET /api/v1/advisories/:advisoryId/osv": {
    request: async (c) => ({ url: `/api/v1/advisories/${await publishedAdvisory(c)}/osv` }),
  },
  "GET /advisories/:advisoryId": {
    request: async (c) => ({ url: `/advisories/${await publishedAdvisory(c)}` }),
  },
  "GET /cases/:id/advisory": {
    request: async (c) => ({ url: `/cases/${await draftedCase(c)}/advisory` }),
  },
  "POST /cases/:id/advisory": {
    request: async (c) => ({
      url: `/cases/${await notifiedCase(c)}/advisory`,
      body: advisoryForm(c),
    }),
  },
  "POST /cases/:id/advisory/approve": {
    request: async (c) => ({ url: `/cases/${await draftedCase(c)}/advisory/approve` }),
  },
  "POST /cases/:id/terminate-embargo": {
    request: async (c) => ({
      url: `/cases/${await notifiedCase(c)}/terminate-embargo`,
      body: { reason: "leak", note: "Posted on a forum." },
    }),
  },
  "GET /cases/:id/advisory/preview": {
    request: async (c) => ({ url: `/cases/${await draftedCase(c)}/advisory/preview` }),
  },
};

/** The published advisory's CSAF document, as a path under the provider's TLP:WHITE folder. */
async function publishedCsafFile(context: ProbeContext): Promise<string> {
  const advisoryId = decodeURIComponent(await publishedAdvisory(context));
  const documents = await context.runtime.services.csafProvider.documents();
  const document = documents.find((d) => d.advisoryId === advisoryId);
  return `/.well-known/csaf/white/${document?.path ?? ""}`;
}

const CSAF_PROVIDER_PROBES: Record<string, Probe> = {
  "GET /.well-known/csaf/white/:year/:file": {
    request: async (c) => ({ url: await publishedCsafFile(c) }),
  },
  "GET /.well-known/csaf/white/:year": {
    request: async (c) => ({ url: (await publishedCsafFile(c)).replace(/\/[^/]+$/, "") }),
  },
  "GET /.well-known/csaf/openpgp/:file": {
    request: async (c) => {
      const key = await c.runtime.services.csafProvider.currentKey(c.coordinator);
      return { url: `/.well-known/csaf/openpgp/${key.fingerprint}.asc` };
    },
  },
};

/** A drafted case (as the advisory rows use) and the finder's report behind it. */
async function draftedReport(context: ProbeContext): Promise<{ caseId: string; reportId: string }> {
  const caseId = await draftedCase(context);
  const view = await context.runtime.services.cases.get(context.coordinator, caseId);
  return { caseId, reportId: (view as { reportId: string }).reportId };
}

/** The finder's comment on a fresh draft: its report and its id. */
async function draftComment(context: ProbeContext): Promise<[string, string]> {
  const { reportId } = await draftedReport(context);
  const { id } = await context.runtime.services.reports.commentOnDraft(context.finder, reportId, {
    part: "credit",
    body: "Please credit my team too.",
  });
  return [reportId, id];
}

/** The coordinator's message for the finder on a fresh draft: the report and its id. */
async function finderMessage(context: ProbeContext): Promise<[string, string]> {
  const { caseId, reportId } = await draftedReport(context);
  const { id } = await context.runtime.services.cases.messageFinder(context.coordinator, caseId, {
    body: "Which versions did you test?",
  });
  return [reportId, id];
}

/** Issue 13 point 10: the draft's public parts for the finder, and the relays of the desk. */
const DRAFT_COMMENT_PROBES: Record<string, Probe> = {
  "GET /api/v1/reports/:id/draft-advisory": {
    request: async (c) => ({
      url: `/api/v1/reports/${(await draftedReport(c)).reportId}/draft-advisory`,
    }),
  },
  "GET /api/v1/reports/:id/draft-comments": {
    request: async (c) => ({ url: `/api/v1/reports/${(await draftComment(c))[0]}/draft-comments` }),
  },
  "POST /api/v1/reports/:id/draft-comments": {
    request: async (c) => ({
      url: `/api/v1/reports/${(await draftedReport(c)).reportId}/draft-comments`,
      body: { part: "accuracy", body: "Version 1.0.2 is affected too." },
    }),
  },
  "POST /api/v1/reports/:id/draft-comments/:cid/relay": {
    request: async (c) => {
      const [reportId, id] = await draftComment(c);
      return { url: `/api/v1/reports/${reportId}/draft-comments/${id}/relay`, body: {} };
    },
  },
  "POST /api/v1/reports/:id/finder-messages/:cid/relay": {
    request: async (c) => {
      const [reportId, id] = await finderMessage(c);
      return { url: `/api/v1/reports/${reportId}/finder-messages/${id}/relay`, body: {} };
    },
  },
  "POST /api/v1/cases/:id/finder-messages": {
    request: async (c) => ({
      url: `/api/v1/cases/${(await draftedReport(c)).caseId}/finder-messages`,
      body: { body: "Which versions did you test?" },
    }),
  },
  "GET /api/v1/cases/:id/finder-comments": {
    request: async (c) => ({
      url: `/api/v1/cases/${(await draftedReport(c)).caseId}/finder-comments`,
    }),
  },
  "POST /api/v1/reports/:id/credit": {
    request: async (c) => ({
      url: `/api/v1/reports/${(await draftedReport(c)).reportId}/credit`,
      body: { credit: "Matrix Lab" },
    }),
  },
  "POST /reports/:id/credit": {
    request: async (c) => ({
      url: `/reports/${(await draftedReport(c)).reportId}/credit`,
      body: { credit: "Matrix Lab" },
    }),
  },
  "POST /reports/:id/draft-comments": {
    request: async (c) => ({
      url: `/reports/${(await draftedReport(c)).reportId}/draft-comments`,
      body: { part: "accuracy", draftCommentBody: "Version 1.0.2 is affected too." },
    }),
  },
  "POST /reports/:id/draft-comments/:cid/relay": {
    request: async (c) => {
      const [reportId, id] = await draftComment(c);
      return { url: `/reports/${reportId}/draft-comments/${id}/relay`, body: { relayBody: "" } };
    },
  },
  "POST /reports/:id/finder-messages/:cid/relay": {
    request: async (c) => {
      const [reportId, id] = await finderMessage(c);
      return { url: `/reports/${reportId}/finder-messages/${id}/relay`, body: { relayBody: "" } };
    },
  },
  "POST /cases/:id/finder-messages": {
    request: async (c) => ({
      url: `/cases/${(await draftedReport(c)).caseId}/finder-messages`,
      body: { finderMessageBody: "Which versions did you test?" },
    }),
  },
};

/** A fresh webhook endpoint of vendor A's (registered by its admin): its path under `prefix`. */
async function vendorAWebhook(context: ProbeContext, prefix: string, suffix = ""): Promise<string> {
  const { id } = await context.runtime.services.webhooks.create(await vendorAAdminActor(context), {
    url: `https://hooks.vendor-a.example/${context.unique()}`,
    events: ["case.notified"],
  });
  return `${prefix}/${id}${suffix}`;
}
const WEBHOOK_API = "/api/v1/organization/webhooks";
const WEBHOOK_PAGES = "/organization/webhooks";
const WEBHOOK_PROBES: Record<string, Probe> = {
  "POST /api/v1/organization/webhooks": {
    request: (c) => ({
      body: { url: `https://hooks.vendor-a.example/${c.unique()}`, events: ["case.notified"] },
    }),
  },
  "GET /api/v1/organization/webhooks/:id": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_API) }),
  },
  "PATCH /api/v1/organization/webhooks/:id": {
    request: async (c) => ({
      url: await vendorAWebhook(c, WEBHOOK_API),
      body: { events: ["case.notified", "case.closed"] },
    }),
  },
  "DELETE /api/v1/organization/webhooks/:id": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_API) }),
  },
  "POST /api/v1/organization/webhooks/:id/rotate-secret": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_API, "/rotate-secret") }),
  },
  "GET /api/v1/organization/webhooks/:id/deliveries": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_API, "/deliveries") }),
  },
  "POST /api/v1/organization/webhooks/:id/test": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_API, "/test") }),
  },
  "POST /organization/webhooks": {
    request: (c) => ({
      body: { url: `https://hooks.vendor-a.example/${c.unique()}`, events: "case.notified" },
    }),
  },
  "GET /organization/webhooks/:id": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_PAGES) }),
  },
  "POST /organization/webhooks/:id/edit": {
    request: async (c) => ({
      url: await vendorAWebhook(c, WEBHOOK_PAGES, "/edit"),
      body: {
        url: "https://hooks.vendor-a.example/edited",
        description: "",
        events: "case.notified",
        active: "1",
      },
    }),
  },
  "POST /organization/webhooks/:id/deactivate": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_PAGES, "/deactivate") }),
  },
  "POST /organization/webhooks/:id/activate": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_PAGES, "/activate") }),
  },
  "POST /organization/webhooks/:id/rotate-secret": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_PAGES, "/rotate-secret") }),
  },
  "POST /organization/webhooks/:id/test": {
    request: async (c) => ({ url: await vendorAWebhook(c, WEBHOOK_PAGES, "/test") }),
  },
};

/** The outside analysis organization the probes share with (made once per runtime). */
const analysisOrganizations = new WeakMap<TestRuntime, Promise<string>>();
function analysisOrganization(context: ProbeContext): Promise<string> {
  let made = analysisOrganizations.get(context.runtime);
  if (!made) {
    made = (async () => {
      const desk = await context.cast.actorOf(context.cast.users.intakeMember);
      const { id } = await context.runtime.services.organizations.create(desk, {
        type: "analysis_org",
        name: "Matrix Analysis Lab",
        contactEmail: "lab@analysis.example",
      });
      return id;
    })();
    analysisOrganizations.set(context.runtime, made);
  }
  return made;
}
const shareUntil = (context: ProbeContext) =>
  new Date(context.runtime.clock.now().getTime() + 30 * 24 * 60 * 60 * 1000);
/** A share body for a fresh case (vendor A notified): the coordinator and vendor A agreed. */
async function shareBody(context: ProbeContext) {
  return {
    organizationId: await analysisOrganization(context),
    classes: ["summary"],
    until: shareUntil(context).toISOString(),
    consultation: [
      { party: "coordinator", answer: "agree" },
      { party: "vendor", organizationId: vendorA(context), answer: "agree" },
    ],
  };
}
/** A share body for a fresh web case: the site's operator agreed. */
async function siteShareBody(context: ProbeContext) {
  return {
    organizationId: await analysisOrganization(context),
    classes: ["summary"],
    until: shareUntil(context).toISOString(),
    consultation: [{ party: "operator", answer: "agree" }],
  };
}
/** A fresh case shared by the desk: its id and the share's. */
async function sharedCase(context: ProbeContext): Promise<[string, string]> {
  const caseId = await notifiedCase(context);
  const desk = await context.cast.actorOf(context.cast.users.intakeMember);
  const body = (await shareBody(context)) as Parameters<
    TestRuntime["services"]["analysisShares"]["create"]
  >[2];
  const { id } = await context.runtime.services.analysisShares.create(desk, caseId, body);
  return [caseId, id];
}
const ANALYSIS_SHARE_PROBES: Record<string, Probe> = {
  "POST /api/v1/cases/:id/analysis-shares": {
    request: async (c) => ({ url: await caseUrl(c, "/analysis-shares"), body: await shareBody(c) }),
  },
  "GET /api/v1/cases/:id/analysis-shares": {
    request: async (c) => ({ url: await caseUrl(c, "/analysis-shares") }),
  },
  "DELETE /api/v1/cases/:id/analysis-shares/:sid": {
    request: async (c) => {
      const [caseId, shareId] = await sharedCase(c);
      return { url: `/api/v1/cases/${caseId}/analysis-shares/${shareId}` };
    },
  },
  "POST /api/v1/site-cases/:id/analysis-shares": {
    request: async (c) => ({
      url: await siteCaseUrl(c, "/analysis-shares"),
      body: await siteShareBody(c),
    }),
  },
  "GET /api/v1/site-cases/:id/analysis-shares": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/analysis-shares") }),
  },
  "DELETE /api/v1/site-cases/:id/analysis-shares/:sid": {
    request: async (c) => {
      const siteCaseId = await siteCase(c);
      const desk = await c.cast.actorOf(c.cast.users.intakeMember);
      const { id } = await c.runtime.services.analysisShares.createForSiteCase(
        desk,
        siteCaseId,
        (await siteShareBody(c)) as Parameters<
          TestRuntime["services"]["analysisShares"]["createForSiteCase"]
        >[2],
      );
      return { url: `/api/v1/site-cases/${siteCaseId}/analysis-shares/${id}` };
    },
  },
  "GET /api/v1/analysis-shares/:sid": {
    request: async (c) => ({ url: `/api/v1/analysis-shares/${(await sharedCase(c))[1]}` }),
  },
  "PUT /api/v1/analysis-shares/:sid/members": {
    request: async (c) => ({
      url: `/api/v1/analysis-shares/${(await sharedCase(c))[1]}/members`,
      body: { userIds: [] },
    }),
  },
  "GET /cases/:id/analysis-shares": {
    request: async (c) => ({ url: await casePage(c, "/analysis-shares") }),
  },
  "POST /cases/:id/analysis-shares": {
    request: async (c) => ({
      url: await casePage(c, "/analysis-shares"),
      body: {
        organizationId: await analysisOrganization(c),
        classes: "summary",
        until: shareUntil(c).toISOString().slice(0, 10),
        "answer-coordinator": "agree",
        [`answer-${vendorA(c)}`]: "agree",
      },
    }),
  },
  "POST /cases/:id/analysis-shares/:sid/revoke": {
    request: async (c) => {
      const [caseId, shareId] = await sharedCase(c);
      return { url: `/cases/${caseId}/analysis-shares/${shareId}/revoke` };
    },
  },
  "GET /site-cases/:id/analysis-shares": {
    request: async (c) => ({ url: await siteCasePage(c, "/analysis-shares") }),
  },
  "POST /site-cases/:id/analysis-shares": {
    request: async (c) => ({
      url: await siteCasePage(c, "/analysis-shares"),
      body: {
        organizationId: await analysisOrganization(c),
        classes: "summary",
        until: shareUntil(c).toISOString().slice(0, 10),
        "answer-operator": "agree",
      },
    }),
  },
  "POST /site-cases/:id/analysis-shares/:sid/revoke": {
    request: async (c) => {
      const siteCaseId = await siteCase(c);
      const desk = await c.cast.actorOf(c.cast.users.intakeMember);
      const { id } = await c.runtime.services.analysisShares.createForSiteCase(
        desk,
        siteCaseId,
        (await siteShareBody(c)) as Parameters<
          TestRuntime["services"]["analysisShares"]["createForSiteCase"]
        >[2],
      );
      return { url: `/site-cases/${siteCaseId}/analysis-shares/${id}/revoke` };
    },
  },
  "GET /analysis-shares/:sid": {
    request: async (c) => ({ url: `/analysis-shares/${(await sharedCase(c))[1]}` }),
  },
  "POST /analysis-shares/:sid/members": {
    request: async (c) => ({ url: `/analysis-shares/${(await sharedCase(c))[1]}/members` }),
  },
};

const RISK = {
  cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  urgency: "high",
  reason: "Reachable.",
};
const RISK_PROBES: Record<string, Probe> = {
  "PUT /api/v1/reports/:id/risk": {
    request: async (c) => ({ url: await reportUrl(c, "/risk"), body: RISK }),
  },
  "PUT /api/v1/cases/:id/risk": {
    request: async (c) => ({ url: await caseUrl(c, "/risk"), body: RISK }),
  },
  "POST /reports/:id/risk": {
    request: async (c) => ({ url: await reportPage(c, "/risk"), body: RISK }),
  },
  "POST /cases/:id/risk": {
    request: async (c) => ({ url: await casePage(c, "/risk"), body: RISK }),
  },
};

/** A fresh case with a task for the cast's analyst on it, and the analyst's shared finding. */
async function analysisTask(
  context: ProbeContext,
): Promise<{ caseId: string; reportId: string; taskId: string; findingId: string }> {
  const { analysisTasks, cases } = context.runtime.services;
  const caseId = await notifiedCase(context);
  const view = await cases.get(context.coordinator, caseId);
  const desk = await context.cast.actorOf(context.cast.users.intakeAdmin);
  const analyst = await context.cast.actorOf(context.cast.users.analyst);
  const { id: taskId } = await analysisTasks.assignOnCase(desk, caseId, taskBody(context));
  const { id: findingId } = await analysisTasks.addFinding(analyst, taskId, {
    body: "Reproduced on 1.0.3.",
    shareWithVendors: true,
  });
  return { caseId, reportId: (view as { reportId: string }).reportId, taskId, findingId };
}
const ANALYSIS_TASK = {
  kind: "reproduce",
  assigneeId: "",
  due: IN_60_DAYS,
};
const taskBody = (c: ProbeContext) => ({
  ...ANALYSIS_TASK,
  assigneeId: c.cast.users.analyst.userId,
});
const taskForm = (c: ProbeContext) => ({
  kind: "impact",
  assigneeId: c.cast.users.analyst.userId,
  due: "2027-01-10T09:00",
});

/** Issue 14 point 4: the desk's analysis tasks, the analyst's findings, the coordinator's relay. */
const ANALYSIS_TASK_PROBES: Record<string, Probe> = {
  "POST /api/v1/reports/:id/analysis-tasks": {
    request: async (c) => ({ url: await caseReportUrl(c, "/analysis-tasks"), body: taskBody(c) }),
  },
  "GET /api/v1/reports/:id/analysis-tasks": {
    request: async (c) => ({ url: await caseReportUrl(c, "/analysis-tasks") }),
  },
  "GET /api/v1/reports/:id/analysis-findings": {
    request: async (c) => ({
      url: `/api/v1/reports/${(await analysisTask(c)).reportId}/analysis-findings`,
    }),
  },
  "POST /api/v1/cases/:id/analysis-tasks": {
    request: async (c) => ({ url: await caseUrl(c, "/analysis-tasks"), body: taskBody(c) }),
  },
  "GET /api/v1/cases/:id/analysis-tasks": {
    request: async (c) => ({ url: await caseUrl(c, "/analysis-tasks") }),
  },
  "GET /api/v1/cases/:id/analysis-findings": {
    request: async (c) => ({
      url: `/api/v1/cases/${(await analysisTask(c)).caseId}/analysis-findings`,
    }),
  },
  "POST /api/v1/cases/:id/analysis-findings/:fid/relay": {
    request: async (c) => {
      const { caseId, findingId } = await analysisTask(c);
      return { url: `/api/v1/cases/${caseId}/analysis-findings/${findingId}/relay`, body: {} };
    },
  },
  "GET /api/v1/analysis-tasks/:tid": {
    request: async (c) => ({ url: `/api/v1/analysis-tasks/${(await analysisTask(c)).taskId}` }),
  },
  "POST /api/v1/analysis-tasks/:tid/findings": {
    request: async (c) => ({
      url: `/api/v1/analysis-tasks/${(await analysisTask(c)).taskId}/findings`,
      body: { body: "Also on 1.0.2.", shareWithVendors: false },
    }),
  },
  "POST /api/v1/analysis-tasks/:tid/complete": {
    request: async (c) => ({
      url: `/api/v1/analysis-tasks/${(await analysisTask(c)).taskId}/complete`,
      body: {},
    }),
  },
  "GET /api/v1/analysis-tasks/:tid/attachments/:attachmentId": {
    request: async (c) => {
      const [reportId, attachmentId] = await finderAttachment(c);
      const desk = await c.cast.actorOf(c.cast.users.intakeAdmin);
      const { id: taskId } = await c.runtime.services.analysisTasks.assignOnReport(
        desk,
        reportId,
        taskBody(c),
      );
      return { url: `/api/v1/analysis-tasks/${taskId}/attachments/${attachmentId}` };
    },
  },
  "GET /analysis-tasks/:tid": {
    request: async (c) => ({ url: `/analysis-tasks/${(await analysisTask(c)).taskId}` }),
  },
  "POST /analysis-tasks/:tid/findings": {
    request: async (c) => ({
      url: `/analysis-tasks/${(await analysisTask(c)).taskId}/findings`,
      body: { body: "Also on 1.0.2.", shareWithVendors: "1" },
    }),
  },
  "POST /analysis-tasks/:tid/complete": {
    request: async (c) => ({ url: `/analysis-tasks/${(await analysisTask(c)).taskId}/complete` }),
  },
  "POST /reports/:id/analysis-tasks": {
    request: async (c) => ({
      url: (await caseReportUrl(c, "/analysis-tasks")).replace("/api/v1", ""),
      body: taskForm(c),
    }),
  },
  "POST /cases/:id/analysis-tasks": {
    request: async (c) => ({
      url: `/cases/${await notifiedCase(c)}/analysis-tasks`,
      body: taskForm(c),
    }),
  },
  "POST /cases/:id/analysis-findings/:fid/relay": {
    request: async (c) => {
      const { caseId, findingId } = await analysisTask(c);
      return { url: `/cases/${caseId}/analysis-findings/${findingId}/relay` };
    },
  },
};

/** A fresh case of the finder's with vendor A affected and its fix: it may be provided. */
async function countermeasureCase(context: ProbeContext): Promise<string> {
  const caseId = await notifiedCase(context);
  const { cases } = context.runtime.services;
  const vendor = await vendorAAdminActor(context);
  await cases.acknowledge(vendor, caseId);
  await cases.reportStatus(vendor, caseId, { status: "affected", statement: "Affected." });
  await cases.addCountermeasure(vendor, caseId, {
    type: "fix",
    description: "Update to 1.0.4.",
    fixedVersions: ["1.0.4"],
  });
  return caseId;
}

/** A provision to the cast's telecom recipient, consulting (or further, as asked). */
async function priorityProvision(
  context: ProbeContext,
  upTo: "consulting" | "ready" | "sent" = "consulting",
): Promise<{ caseId: string; pid: string; packageId: string | null; fileId: string | null }> {
  const { priority, priorityRecipients, nda } = context.runtime.services;
  const caseId = await countermeasureCase(context);
  const desk = await context.cast.actorOf(context.cast.users.intakeAdmin);
  const { id: pid } = await priority.start(desk, caseId, {
    reason: "Telecom operators run it.",
    sectors: ["telecom"],
    recipientOrganizationIds: [context.cast.organizations.priorityRecipient],
  });
  if (upTo === "consulting") return { caseId, pid, packageId: null, fileId: null };
  await priority.recordAgreement(context.coordinator, pid, { decision: "agree" });
  await priority.recordAgreement(await vendorAAdminActor(context), pid, { decision: "agree" });
  await priority.recordFinderNotice(desk, pid);
  const { id: packageId } = await priority.addPackage(
    desk,
    pid,
    { kind: "beta_patch", title: "Beta patch", body: "Apply the beta patch." },
    { files: [{ name: "patch.txt", bytes: Buffer.from("beta patch\n") }] },
  );
  if (upTo === "ready") return { caseId, pid, packageId, fileId: null };
  await priority.send(desk, pid);
  // The recipient's admin accepts the NDA in the app and assigns the cast's member.
  const admin = await createTestUser(context.runtime, {
    email: `admin-${context.unique()}@priority.example`,
    organizationId: context.cast.organizations.priorityRecipient,
    role: "admin",
  });
  const adminActor = await context.cast.actorOf(admin);
  const offered = await offeredNda(context);
  await nda.accept(adminActor, context.cast.organizations.priorityRecipient, {
    version: offered.version,
  });
  await priorityRecipients.setMembers(adminActor, packageId, [
    context.cast.users.priorityRecipient.userId,
  ]);
  const view = await priorityRecipients.get(adminActor, packageId);
  return { caseId, pid, packageId, fileId: view.files[0]?.id ?? null };
}

const PRIORITY_PROBES: Record<string, Probe> = {
  "POST /api/v1/cases/:id/priority-provisions": {
    request: async (c) => ({
      url: `/api/v1/cases/${await countermeasureCase(c)}/priority-provisions`,
      body: {
        reason: "Telecom operators run it.",
        sectors: ["telecom"],
        recipientOrganizationIds: [c.cast.organizations.priorityRecipient],
      },
    }),
  },
  "GET /api/v1/cases/:id/priority-provisions": {
    request: async (c) => ({
      url: `/api/v1/cases/${(await priorityProvision(c)).caseId}/priority-provisions`,
    }),
  },
  "GET /api/v1/priority-provisions/:pid": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c)).pid}`,
    }),
  },
  "POST /api/v1/priority-provisions/:pid/agreements": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c)).pid}/agreements`,
      body: { decision: "agree" },
    }),
  },
  "POST /api/v1/priority-provisions/:pid/finder-notice": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c)).pid}/finder-notice`,
    }),
  },
  "POST /api/v1/priority-provisions/:pid/packages": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c)).pid}/packages`,
      body: { kind: "summary", title: "Summary", body: "The summary." },
    }),
  },
  "POST /api/v1/priority-provisions/:pid/send": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c, "ready")).pid}/send`,
    }),
  },
  "POST /api/v1/priority-provisions/:pid/revoke": {
    request: async (c) => ({
      url: `/api/v1/priority-provisions/${(await priorityProvision(c)).pid}/revoke`,
      body: {},
    }),
  },
  "GET /api/v1/priority-packages/:id": {
    request: async (c) => ({
      url: `/api/v1/priority-packages/${(await priorityProvision(c, "sent")).packageId}`,
    }),
  },
  "GET /api/v1/priority-packages/:id/files/:fileId": {
    request: async (c) => {
      const { packageId, fileId } = await priorityProvision(c, "sent");
      return { url: `/api/v1/priority-packages/${packageId}/files/${fileId}` };
    },
  },
  "PUT /api/v1/priority-packages/:id/members": {
    request: async (c) => ({
      url: `/api/v1/priority-packages/${(await priorityProvision(c, "sent")).packageId}/members`,
      body: { userIds: [] },
    }),
  },
  "POST /api/v1/priority-copies/trace": {
    request: () => ({ body: { text: "Provided to X, copy PC-0000-0000" } }),
  },
  "GET /cases/:id/priority": {
    request: async (c) => ({ url: `/cases/${(await priorityProvision(c)).caseId}/priority` }),
  },
  "POST /cases/:id/priority/start": {
    request: async (c) => ({
      url: `/cases/${await countermeasureCase(c)}/priority/start`,
      body: {
        reason: "Telecom operators run it.",
        sectors: "telecom",
        recipientOrganizationIds: c.cast.organizations.priorityRecipient,
      },
    }),
  },
  "POST /priority-provisions/:pid/agreement": {
    request: async (c) => ({
      url: `/priority-provisions/${(await priorityProvision(c)).pid}/agreement`,
      body: { decision: "agree", reason: "" },
    }),
  },
  "POST /priority-provisions/:pid/finder-notice": {
    request: async (c) => ({
      url: `/priority-provisions/${(await priorityProvision(c)).pid}/finder-notice`,
    }),
  },
  "POST /priority-provisions/:pid/packages": {
    request: async (c) => ({
      url: `/priority-provisions/${(await priorityProvision(c)).pid}/packages`,
      body: { kind: "summary", title: "Summary", body: "The summary." },
    }),
  },
  "POST /priority-provisions/:pid/send": {
    request: async (c) => ({
      url: `/priority-provisions/${(await priorityProvision(c, "ready")).pid}/send`,
    }),
  },
  "POST /priority-provisions/:pid/revoke": {
    request: async (c) => ({
      url: `/priority-provisions/${(await priorityProvision(c)).pid}/revoke`,
      body: { confirm: "yes" },
    }),
  },
  "GET /priority-packages/:id": {
    request: async (c) => ({
      url: `/priority-packages/${(await priorityProvision(c, "sent")).packageId}`,
    }),
  },
  "GET /priority-packages/:id/files/:fileId": {
    request: async (c) => {
      const { packageId, fileId } = await priorityProvision(c, "sent");
      return { url: `/priority-packages/${packageId}/files/${fileId}` };
    },
  },
  "POST /priority-packages/:id/members": {
    request: async (c) => ({
      url: `/priority-packages/${(await priorityProvision(c, "sent")).packageId}/members`,
      body: {},
    }),
  },
  "POST /priority-copies/trace": {
    request: () => ({ body: { text: "copy PC-0000-0000" } }),
  },
};

const PROBES: Record<string, Probe> = {
  ...ANALYSIS_SHARE_PROBES,
  ...PRIORITY_PROBES,
  ...DRAFT_COMMENT_PROBES,
  ...RISK_PROBES,
  ...ANALYSIS_TASK_PROBES,
  ...CASE_PROBES,
  ...ADVISORY_PROBES,
  ...CSAF_PROVIDER_PROBES,
  ...WEBHOOK_PROBES,
  "POST /api/v1/finders": {
    request: (c) => ({
      body: {
        email: `finder-${c.unique()}@matrix.example`,
        password: TEST_PASSWORD,
        name: "Matrix Finder",
        language: "en",
      },
    }),
  },
  "POST /api/v1/auth/verify-email": { request: () => ({ body: { token: BOGUS_TOKEN } }) },
  "POST /api/v1/auth/login": {
    request: (c) => ({ body: { email: c.loginTarget.email, password: c.loginTarget.password } }),
  },
  "POST /api/v1/auth/second-factor": { request: () => ({ body: { code: "000000" } }) },
  "POST /api/v1/auth/totp/confirm": {
    request: async (c) => {
      await startEnrolment(c);
      return { body: { code: "000000" } };
    },
  },
  "POST /api/v1/auth/password-reset": {
    request: (c) => ({ body: { email: `nobody-${c.unique()}@matrix.example` } }),
  },
  "POST /api/v1/auth/password-reset/complete": {
    request: () => ({ body: { token: BOGUS_TOKEN, password: TEST_PASSWORD } }),
  },
  "POST /api/v1/auth/accept-invitation": {
    request: () => ({ body: { token: BOGUS_TOKEN, password: TEST_PASSWORD } }),
  },
  "POST /api/v1/auth/password": {
    request: () => ({
      body: { currentPassword: "not-the-current-password", newPassword: "Another-bridge-2027!" },
    }),
  },
  "PATCH /api/v1/me": { request: () => ({ body: { language: "en" } }) },
  "POST /api/v1/tokens": { request: () => ({ body: { name: "matrix" } }) },
  "PUT /api/v1/account/notifications": {
    request: () => ({
      body: { preferences: [{ kind: "report_progress", delivery: "immediate" }] },
    }),
  },
  "DELETE /api/v1/tokens/:id": {
    request: async (c) => ({ url: `/api/v1/tokens/${await finderTokenId(c)}` }),
  },
  "POST /api/v1/reports": {
    request: (c) => ({
      body: {
        kind: "product",
        title: `Matrix filed report ${c.unique()}`,
        productName: "Router A100",
        productVersion: "1.0",
        description: "A stored XSS in the admin console.",
        reproduction: "Open the console and add a device named <script>.",
        consent: {
          identityToCoordinator: false,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      },
    }),
  },
  "GET /api/v1/reports/:id": { request: async (c) => ({ url: await reportUrl(c) }) },
  "POST /api/v1/reports/:id/request-info": {
    request: async (c) => ({
      url: await reportUrl(c, "/request-info"),
      body: { message: "Which firmware build?" },
    }),
  },
  "POST /api/v1/reports/:id/resubmit": {
    request: async (c) => ({
      url: await reportUrl(c, "/resubmit"),
      body: { productVersion: "1.0.1" },
    }),
  },
  "POST /api/v1/reports/:id/accept": {
    request: async (c) => ({ url: await reportUrl(c, "/accept") }),
  },
  "POST /api/v1/reports/:id/reject": {
    request: async (c) => ({
      url: await reportUrl(c, "/reject"),
      body: { reason: "Not enough detail." },
    }),
  },
  "POST /api/v1/reports/:id/close": {
    request: async (c) => ({ url: await reportUrl(c, "/close"), body: { reason: "withdrawn" } }),
  },
  "POST /api/v1/reports/:id/kind": {
    request: async (c) => ({
      url: await reportUrl(c, "/kind"),
      body: { kind: "web", reason: "A site, not a product." },
    }),
  },
  "POST /api/v1/reports/:id/forward": {
    request: async (c) => ({ url: await reportUrl(c, "/forward"), body: {} }),
  },
  "POST /api/v1/reports/:id/assign": {
    request: async (c) => ({
      url: await reportUrl(c, "/assign"),
      body: { userId: c.cast.users.intakeMember.userId },
    }),
  },
  "POST /api/v1/reports/:id/messages": {
    request: async (c) => ({ url: await reportUrl(c, "/messages"), body: { body: "Any news?" } }),
  },
  "GET /api/v1/reports/:id/duplicates": {
    request: async (c) => ({ url: await reportUrl(c, "/duplicates") }),
  },
  "POST /api/v1/reports/:id/disclosure-consultations": {
    request: async (c) => ({
      url: await reportUrl(c, "/disclosure-consultations"),
      body: {
        plannedAt: "2027-02-10T10:00:00+09:00",
        venue: "A conference",
        scope: "The bug class",
      },
    }),
  },
  "GET /api/v1/reports/:id/disclosure-consultations": {
    request: async (c) => ({ url: await reportUrl(c, "/disclosure-consultations") }),
  },
  "POST /api/v1/reports/:id/disclosure-consultations/:cid/answer": {
    request: async (c) => {
      const reportId = await finderReport(c);
      const { id } = await c.runtime.services.reports.fileConsultation(c.finder, reportId, {
        plannedAt: "2027-02-10T10:00:00+09:00",
        venue: "A conference",
        scope: "The bug class",
      });
      return {
        url: `/api/v1/reports/${reportId}/disclosure-consultations/${id}/answer`,
        body: { decision: "no_objection", reason: "Nothing confidential in the scope." },
      };
    },
  },
  "GET /api/v1/reports/:id/messages": {
    request: async (c) => ({ url: await reportUrl(c, "/messages") }),
  },
  "POST /api/v1/reports/:id/attachments": {
    request: async (c) => ({
      url: await reportUrl(c, "/attachments"),
      multipart: attachmentUpload,
    }),
  },
  "GET /api/v1/reports/:id/attachments": {
    request: async (c) => ({ url: await reportUrl(c, "/attachments") }),
  },
  "GET /api/v1/reports/:id/attachments/:attachmentId": {
    request: async (c) => {
      const [reportId, attachmentId] = await finderAttachment(c);
      return { url: `/api/v1/reports/${reportId}/attachments/${attachmentId}` };
    },
  },
  "POST /api/v1/organizations": {
    request: (c) => ({
      body: {
        type: "vendor",
        name: `Matrix Vendor ${c.unique()}`,
        contactEmail: "psirt@matrix-vendor.example",
      },
    }),
  },
  "GET /api/v1/organizations/:id": {
    request: (c) => ({ url: `/api/v1/organizations/${vendorA(c)}` }),
  },
  "PATCH /api/v1/organizations/:id": {
    request: (c) => ({
      url: `/api/v1/organizations/${vendorA(c)}`,
      body: { keywords: ["router"] },
    }),
  },
  "GET /api/v1/organizations/:id/changes": {
    request: (c) => ({ url: `/api/v1/organizations/${vendorA(c)}/changes` }),
  },
  "POST /api/v1/organizations/:id/nda": {
    request: (c) => ({ url: `/api/v1/organizations/${vendorA(c)}/nda`, body: NDA }),
  },
  "GET /api/v1/organizations/:id/members": {
    request: (c) => ({ url: `/api/v1/organizations/${vendorA(c)}/members` }),
  },
  "POST /api/v1/organizations/:id/members": {
    request: (c) => ({
      url: `/api/v1/organizations/${vendorA(c)}/members`,
      body: { email: `invitee-${c.unique()}@vendor-a.example`, name: "Invitee", role: "member" },
    }),
  },
  "DELETE /api/v1/organizations/:id/members/:userId": {
    request: async (c) => ({
      url: `/api/v1/organizations/${vendorA(c)}/members/${await vendorAInvitee(c)}`,
    }),
  },

  "POST /api/v1/site-cases/claim": {
    request: () => ({ body: { token: BOGUS_TOKEN, name: "Matrix", password: TEST_PASSWORD } }),
  },
  "GET /api/v1/site-cases/:id": { request: async (c) => ({ url: await siteCaseUrl(c) }) },
  "POST /api/v1/site-cases/:id/acknowledge": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/acknowledge") }),
  },
  "POST /api/v1/site-cases/:id/result": {
    request: async (c) => ({
      url: await siteCaseUrl(c, "/result"),
      body: { result: "fixed", fixMethod: "app_fixed", details: "Patched the query." },
    }),
  },
  "POST /api/v1/site-cases/:id/leak-notice": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/leak-notice"), body: LEAK }),
  },
  "POST /api/v1/site-cases/:id/mark-unreachable": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/mark-unreachable") }),
  },
  "POST /api/v1/site-cases/:id/close": {
    request: async (c) => ({
      url: await siteCaseUrl(c, "/close"),
      body: { reason: "closed_after_warning", message: "The operator was warned." },
    }),
  },
  "POST /api/v1/site-cases/:id/analysis-requests": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/analysis-requests"), body: {} }),
  },
  "POST /api/v1/site-cases/:id/analysis-requests/:rid/grant": {
    request: async (c) => ({ url: `${await analysisRequest(c, "/api/v1/site-cases")}/grant` }),
  },
  "POST /api/v1/site-cases/:id/analysis-requests/:rid/deny": {
    request: async (c) => ({ url: `${await analysisRequest(c, "/api/v1/site-cases")}/deny` }),
  },
  "POST /api/v1/site-cases/:id/messages": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/messages"), body: { body: "Hello" } }),
  },
  "GET /api/v1/site-cases/:id/messages": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/messages") }),
  },
  "PUT /api/v1/site-cases/:id/members": {
    request: async (c) => ({ url: await siteCaseUrl(c, "/members"), body: { userIds: [] } }),
  },
  "GET /api/v1/leak-notices/:id": {
    request: async (c) => ({ url: `/api/v1/leak-notices/${await leakNotice(c)}` }),
  },
  "GET /site-cases/claim": { request: () => ({ url: `/site-cases/claim?token=${BOGUS_TOKEN}` }) },
  "POST /site-cases/claim": {
    request: () => ({
      body: {
        token: BOGUS_TOKEN,
        organizationName: "Matrix",
        name: "Matrix",
        password: TEST_PASSWORD,
      },
    }),
  },
  "GET /site-cases/:id": { request: async (c) => ({ url: await siteCasePage(c) }) },
  "POST /site-cases/:id/acknowledge": {
    request: async (c) => ({ url: await siteCasePage(c, "/acknowledge") }),
  },
  "POST /site-cases/:id/result": {
    request: async (c) => ({
      url: await siteCasePage(c, "/result"),
      body: { result: "fixed", fixMethod: "app_fixed", details: "Patched the query." },
    }),
  },
  "POST /site-cases/:id/leak-notice": {
    request: async (c) => ({ url: await siteCasePage(c, "/leak-notice"), body: LEAK_FORM }),
  },
  "POST /site-cases/:id/mark-unreachable": {
    request: async (c) => ({ url: await siteCasePage(c, "/mark-unreachable") }),
  },
  "POST /site-cases/:id/close": {
    request: async (c) => ({
      url: await siteCasePage(c, "/close"),
      body: { reason: "closed_after_warning", message: "The operator was warned." },
    }),
  },
  "POST /site-cases/:id/analysis-requests": {
    request: async (c) => ({
      url: await siteCasePage(c, "/analysis-requests"),
      body: { reason: "" },
    }),
  },
  "POST /site-cases/:id/analysis-requests/:rid/grant": {
    request: async (c) => ({ url: `${await analysisRequest(c, "/site-cases")}/grant` }),
  },
  "POST /site-cases/:id/analysis-requests/:rid/deny": {
    request: async (c) => ({ url: `${await analysisRequest(c, "/site-cases")}/deny` }),
  },
  "POST /site-cases/:id/messages": {
    request: async (c) => ({ url: await siteCasePage(c, "/messages"), body: { body: "Hello" } }),
  },
  "GET /leak-notices/:id": {
    request: async (c) => ({ url: `/leak-notices/${await leakNotice(c)}` }),
  },
  "POST /language": { request: () => ({ body: { language: "en", returnTo: "/" } }) },
  "POST /reports/new": { request: (c) => ({ body: reportForm(c) }) },
  "POST /reports/new/confirm": { request: (c) => ({ body: reportForm(c) }) },
  "POST /reports/new/send": { request: (c) => ({ body: reportForm(c) }) },
  "GET /reports/:id": { request: async (c) => ({ url: await reportPage(c) }) },
  "POST /reports/:id/messages": {
    request: async (c) => ({ url: await reportPage(c, "/messages"), body: { body: "Any news?" } }),
  },
  "POST /reports/:id/resubmit": {
    request: async (c) => ({
      url: await reportPage(c, "/resubmit"),
      body: { productVersion: "1.0.1" },
    }),
  },
  "POST /reports/:id/assign": { request: async (c) => ({ url: await reportPage(c, "/assign") }) },
  "POST /reports/:id/attachments": {
    request: async (c) => ({
      url: await reportPage(c, "/attachments"),
      multipart: attachmentUpload,
    }),
  },
  "POST /reports/:id/request-info": {
    request: async (c) => ({
      url: await reportPage(c, "/request-info"),
      body: { infoMessage: "Which firmware build?" },
    }),
  },
  "POST /reports/:id/accept": { request: async (c) => ({ url: await reportPage(c, "/accept") }) },
  "POST /reports/:id/reject": {
    request: async (c) => ({
      url: await reportPage(c, "/reject"),
      body: { rejectReason: "Not enough detail." },
    }),
  },
  "POST /reports/:id/close": {
    request: async (c) => ({
      url: await reportPage(c, "/close"),
      body: { closeReason: "withdrawn", duplicateOf: "", closeMessage: "" },
    }),
  },
  "POST /reports/:id/kind": {
    request: async (c) => ({
      url: await reportPage(c, "/kind"),
      body: { newKind: "web", kindReason: "A site, not a product." },
    }),
  },
  "POST /reports/:id/forward": {
    request: async (c) => ({
      url: await reportPage(c, "/forward"),
      body: { operatorOrganizationId: "", operatorName: "", operatorContactEmail: "" },
    }),
  },
  "POST /signup": {
    request: (c) => ({
      body: {
        name: "Matrix Page Finder",
        email: `page-finder-${c.unique()}@matrix.example`,
        password: TEST_PASSWORD,
        language: "en",
      },
    }),
  },
  "GET /verify-email": { request: () => ({ url: `/verify-email?token=${BOGUS_TOKEN}` }) },
  "POST /verify-email": { request: () => ({ body: { token: BOGUS_TOKEN } }) },
  "POST /signin": {
    freshSession: true,
    request: (c) => ({ body: { email: c.loginTarget.email, password: c.loginTarget.password } }),
  },
  "POST /signin/second-factor": { request: () => ({ body: { code: "000000" } }) },
  "POST /account/two-factor": {
    request: async (c) => {
      await startEnrolment(c);
      return { body: { code: "000000" } };
    },
  },
  "POST /signout": { freshSession: true },
  "POST /password-reset": {
    request: (c) => ({ body: { email: `nobody-${c.unique()}@matrix.example` } }),
  },
  "GET /password-reset/complete": {
    request: () => ({ url: `/password-reset/complete?token=${BOGUS_TOKEN}` }),
  },
  "POST /password-reset/complete": {
    request: () => ({ body: { token: BOGUS_TOKEN, password: TEST_PASSWORD } }),
  },
  "GET /invitation": { request: () => ({ url: `/invitation?token=${BOGUS_TOKEN}` }) },
  "POST /invitation": {
    request: () => ({ body: { token: BOGUS_TOKEN, password: TEST_PASSWORD } }),
  },
  "POST /account/profile": {
    request: (c) => ({ body: { name: c.user?.name ?? "Anonymous", language: "en" } }),
  },
  "POST /account/password": {
    request: () => ({
      body: { currentPassword: "not-the-current-password", newPassword: "Another-bridge-2027!" },
    }),
  },
  "POST /account/tokens": { request: () => ({ body: { tokenName: "matrix" } }) },
  "POST /account/notifications": {
    request: () => ({ body: { "kind.report_progress": "immediate" } }),
  },
  "POST /account/tokens/:id/revoke": {
    request: async (c) => ({ url: `/account/tokens/${await finderTokenId(c)}/revoke` }),
  },
  "POST /directory/new": {
    request: (c) => ({
      body: {
        type: "vendor",
        name: `Matrix Page Vendor ${c.unique()}`,
        contactEmails: "psirt@matrix-page-vendor.example",
        pgpPublicKey: "",
        products: "",
        keywords: "",
        domains: "",
        sector: "",
      },
    }),
  },
  "GET /directory/:id": { request: (c) => ({ url: `/directory/${vendorA(c)}` }) },
  "POST /directory/:id/edit": {
    request: (c) => ({ url: `/directory/${vendorA(c)}/edit`, body: vendorAEditForm }),
  },
  "POST /directory/:id/nda": {
    request: (c) => ({
      url: `/directory/${vendorA(c)}/nda`,
      body: { signedAt: "2026-11-20", version: "NDA-2026" },
    }),
  },
  "GET /api/v1/organizations/:id/nda": {
    request: (c) => ({ url: `/api/v1/organizations/${vendorA(c)}/nda` }),
  },
  "POST /api/v1/organizations/:id/nda/accept": {
    request: async (c) => ({
      url: `/api/v1/organizations/${vendorA(c)}/nda/accept`,
      body: { version: (await offeredNda(c)).version },
    }),
  },
  "POST /api/v1/organizations/:id/nda/request": {
    request: async (c) => {
      await offeredNda(c);
      return { url: `/api/v1/organizations/${vendorA(c)}/nda/request` };
    },
  },
  "POST /api/v1/nda-texts": {
    request: (c) => ({
      body: {
        version: `matrix-api-${c.unique()}`,
        bodyJa: "受領者は脆弱性情報を秘密として保持する。",
        bodyEn: "The recipient keeps vulnerability information secret.",
      },
    }),
  },
  "POST /nda-texts": {
    request: (c) => ({
      body: {
        version: `matrix-page-${c.unique()}`,
        bodyJa: "受領者は脆弱性情報を秘密として保持する。",
        bodyEn: "The recipient keeps vulnerability information secret.",
      },
    }),
  },
  "POST /organization/nda/accept": {
    request: async (c) => {
      const offered = await offeredNda(c);
      return {
        body: { confirm: "1", version: offered.version, textId: offered.id, language: "en" },
      };
    },
  },
  "POST /directory/:id/members": {
    request: (c) => ({
      url: `/directory/${vendorA(c)}/members`,
      body: {
        memberEmail: `page-invitee-${c.unique()}@vendor-a.example`,
        memberName: "Page Invitee",
        memberRole: "member",
        memberLanguage: "en",
      },
    }),
  },
  "POST /directory/:id/members/:userId/remove": {
    request: async (c) => ({
      url: `/directory/${vendorA(c)}/members/${await vendorAInvitee(c)}/remove`,
    }),
  },
};

function routeKey(method: string, url: string): string {
  return `${method} ${url}`;
}

/** What the cells name: HEAD mirrors GET, and static files are public assets. */
function covered(route: { method: string; url: string }): boolean {
  return route.method !== "HEAD" && !route.url.startsWith("/static/");
}

function isPage(path: string): boolean {
  return !path.startsWith("/api/") && path !== "/healthz";
}

/** The outcome a response shows, in the table's terms (anything unexpected, verbatim). */
function outcomeOf(response: LightMyRequestResponse): string {
  const status = response.statusCode;
  const location = response.headers.location;
  if (status >= 300 && status < 400) {
    if (typeof location === "string" && /^\/signin(\?|$)/.test(location)) return SIGNIN;
    return OK;
  }
  if (status < 300) return OK;
  if (status >= 500) return `${status}: ${response.body.slice(0, 300)}`;
  return String(status);
}

describe.each(testDatabaseTargets())("the authorization matrix on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let context: Omit<ProbeContext, "kind" | "user">;
  /** Each user's browser session, for pages. */
  const sessions = new Map<ActorKind, BrowserSession>();
  /** The anonymous visitor: only a CSRF cookie and its token. */
  const anonymous = { ip: newIp(), cookie: "", csrfToken: "" };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    const loginTarget = await createTestUser(runtime, { email: "login-target@matrix.example" });
    let counter = 0;
    context = {
      cast,
      runtime,
      loginTarget,
      coordinator: await cast.actorOf(cast.users.coordinatorMember),
      finder: await cast.actorOf(cast.users.finder),
      unique: () => {
        counter += 1;
        return String(counter);
      },
    };
    for (const kind of USER_KINDS) sessions.set(kind, await signIn(app, runtime, cast.users[kind]));
    const csrf = await app.inject({
      method: "GET",
      url: "/api/v1/auth/csrf",
      remoteAddress: anonymous.ip,
    });
    const cookie = csrf.cookies.find((entry) => entry.name === "kk_csrf");
    anonymous.cookie = `kk_csrf=${cookie?.value ?? ""}`;
    anonymous.csrfToken = csrf.json().csrfToken;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** Sends the probe of a route as one kind of caller. */
  async function call(route: string, kind: ActorKind): Promise<LightMyRequestResponse> {
    const [method = "GET", path = "/"] = route.split(" ");
    const probe = PROBES[route] ?? {};
    const user = kind === "anonymous" ? null : cast.users[kind];
    const request = (await probe.request?.({ ...context, kind, user })) ?? {};
    const url = request.url ?? path;
    const page = isPage(path);
    const options: InjectOptions = {
      method: method as InjectOptions["method"],
      url,
      remoteAddress: user?.ip ?? anonymous.ip,
      headers: {},
    };
    const headers = options.headers as Record<string, string>;
    if (page) {
      headers.accept = "text/html";
      if (user) {
        const session = probe.freshSession
          ? await signIn(app, runtime, user)
          : (sessions.get(kind) as BrowserSession);
        headers.cookie = session.jar.header();
        headers["x-csrf-token"] = session.csrfToken;
      } else {
        headers.cookie = anonymous.cookie;
        headers["x-csrf-token"] = anonymous.csrfToken;
      }
      if (request.body) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        options.payload = new URLSearchParams(
          Object.entries(request.body).map(([key, value]) => [key, String(value)]),
        ).toString();
      }
    } else {
      if (user) headers.authorization = `Bearer ${user.token}`;
      if (request.body) options.payload = request.body as InjectOptions["payload"];
    }
    if (request.multipart) {
      const body = multipartBody(request.multipart.fields, request.multipart.files);
      headers["content-type"] = body.contentType;
      options.payload = body.payload;
    }
    return app.inject(options);
  }

  describe("covers every route", () => {
    it("has a row for every route the application registers", () => {
      const rows = new Set(MATRIX.map(([route]) => route));
      const missing = registeredRoutes(app)
        .filter(covered)
        .map((route) => routeKey(route.method, route.url))
        .filter((route) => !rows.has(route));
      expect(missing, "routes without an authorization decision in MATRIX").toEqual([]);
    });

    it("has no row for a route the application does not register", () => {
      const registered = new Set(
        registeredRoutes(app)
          .filter(covered)
          .map((route) => routeKey(route.method, route.url)),
      );
      expect(registered.size).toBeGreaterThan(20);
      const stale = MATRIX.map(([route]) => route).filter((route) => !registered.has(route));
      expect(stale, "rows of MATRIX whose route is gone").toEqual([]);
      const keys = MATRIX.map(([route]) => route);
      expect(keys.filter((route, index) => keys.indexOf(route) !== index)).toEqual([]);
      expect(Object.keys(PROBES).filter((route) => !keys.includes(route))).toEqual([]);
    });

    it("declares an access rule on every route it registers", () => {
      const undeclared = registeredRoutes(app)
        .filter((route) => !route.url.startsWith("/static/") && route.access === undefined)
        .map((route) => routeKey(route.method, route.url));
      expect(undeclared).toEqual([]);
    });

    it("refuses to register a route that declares no access rule", async () => {
      const fresh = await buildApp(runtime);
      try {
        expect(() => fresh.get("/api/v1/undeclared", async () => ({ ok: true }))).toThrow(
          /GET \/api\/v1\/undeclared declares no access rule/,
        );
        expect(() =>
          fresh.post("/undeclared-page", { config: {} }, async () => ({ ok: true })),
        ).toThrow(/declares no access rule/);
        // A route with a rule is accepted.
        fresh.get("/api/v1/declared", { config: { access: "public" } }, async () => ({ ok: true }));
        await fresh.ready();
        expect(registeredRoutes(fresh).map((route) => routeKey(route.method, route.url))).toEqual(
          expect.arrayContaining(["GET /api/v1/declared"]),
        );
        expect((await fresh.inject({ method: "GET", url: "/api/v1/declared" })).statusCode).toBe(
          200,
        );
      } finally {
        await fresh.close();
      }
    });
  });

  describe("answers each caller as the table says", () => {
    it.each(MATRIX.map(([route, cells]) => ({ route, cells })))(
      "$route",
      async ({ route, cells }) => {
        const expected: Record<string, string> = {};
        const actual: Record<string, string> = {};
        for (const [index, kind] of ACTOR_KINDS.entries()) {
          expected[kind] = String(cells[index]);
          actual[kind] = outcomeOf(await call(route, kind));
        }
        expect(actual).toEqual(expected);
      },
    );
  });
});
