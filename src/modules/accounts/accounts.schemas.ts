import { z } from "zod";
import { LANGUAGES } from "../../platform/i18n/i18n.ts";
import { ORGANIZATION_TYPES, ROLES } from "../organizations/organizations.schemas.ts";

// --- Input ------------------------------------------------------------------------------------

const email = z.email().max(254);
const password = z.string().min(1).max(1024);
const token = z.string().min(10).max(200);
const personName = z.string().trim().min(1).max(200);

export const registerFinderBody = z.object({
  email,
  password,
  name: personName,
  language: z.enum(LANGUAGES),
});
export const signInBody = z.object({ email, password, totp: z.string().trim().max(20).optional() });
export const emailTokenBody = z.object({ token });
export const secondFactorBody = z.object({ code: z.string().trim().min(6).max(40) });
export const totpConfirmBody = z.object({ code: z.string().trim().min(6).max(10) });
export const passwordResetRequestBody = z.object({ email });
/** The reset link and the invitation link: the mailed token and the new password. */
export const tokenPasswordBody = z.object({ token, password });
export const changePasswordBody = z.object({ currentPassword: password, newPassword: password });
export const updateProfileBody = z.object({
  name: personName.optional(),
  language: z.enum(LANGUAGES).optional(),
});
export const createApiTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
export const apiTokenParams = z.object({ id: z.string().max(100) });

// --- Output -----------------------------------------------------------------------------------

export const SECOND_FACTOR_STATES = ["done", "required", "enrolment_required"] as const;
export type SecondFactorState = (typeof SECOND_FACTOR_STATES)[number];

export { created as createdId } from "../../platform/http/openapi.ts";
export const emailVerified = z.object({ verified: z.literal(true) });
export const verificationSent = z.object({ sent: z.literal(true) });
export const signedIn = z.object({
  id: z.string(),
  secondFactor: z.enum(SECOND_FACTOR_STATES),
  csrfToken: z.string(),
});
export const csrfTokenView = z.object({ csrfToken: z.string() });
export const secondFactorDone = z.object({ secondFactor: z.literal("done") });
export const totpEnrolmentView = z.object({ secret: z.string(), otpauthUri: z.string() });
export const recoveryCodesView = z.object({ recoveryCodes: z.array(z.string()) });
export const signedOut = z.object({ signedOut: z.literal(true) });
/** A reset link was mailed if the address has an account (the same answer either way). */
export const resetAccepted = z.object({ accepted: z.literal(true) });
export const passwordChanged = z.object({ passwordChanged: z.literal(true) });
export const invitationAccepted = z.object({ accepted: z.literal(true) });
/**
 * A response without a body. The `type: "null"` metadata tells the OpenAPI document to list no
 * content for it (its OpenAPI 3.0 form would otherwise read as a nullable string).
 */

export const meView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: z.enum(LANGUAGES),
  emailVerified: z.boolean(),
  organization: z
    .object({ id: z.string(), type: z.enum(ORGANIZATION_TYPES), name: z.string() })
    .nullable(),
  role: z.enum(ROLES).nullable(),
  twoFactorEnabled: z.boolean(),
});
export type MeView = z.infer<typeof meView>;

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;
export const apiTokenList = z.object({ items: z.array(apiTokenView), nextCursor: z.null() });

/** The token's value, shown this once. */
export const createdApiToken = z.object({ id: z.string(), token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;
