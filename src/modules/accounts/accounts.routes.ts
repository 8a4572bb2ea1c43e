import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { originOf, SESSION_COOKIE } from "../../platform/http/context.ts";
import { noContent } from "../../platform/http/openapi.ts";
import {
  apiTokenList,
  apiTokenParams,
  changePasswordBody,
  createApiTokenBody,
  createdApiToken,
  createdId,
  csrfTokenView,
  emailTokenBody,
  emailVerified,
  invitationAccepted,
  meView,
  passwordChanged,
  passwordResetRequestBody,
  recoveryCodesView,
  registerFinderBody,
  resetAccepted,
  secondFactorBody,
  secondFactorDone,
  signedIn,
  signedOut,
  signInBody,
  tokenPasswordBody,
  totpConfirmBody,
  totpEnrolmentView,
  updateProfileBody,
  verificationSent,
} from "./accounts.schemas.ts";
import type { AccountsService } from "./accounts.service.ts";
import { SESSION_ABSOLUTE_MS } from "./sign-in.ts";

/** Sign-in and sign-up endpoints get their own, tighter limits per address. */
export const SIGNIN_RATE_LIMIT = { max: 60, timeWindow: 60_000 };
export const SIGNUP_RATE_LIMIT = { max: 300, timeWindow: 60 * 60_000 };

export function setSessionCookie(reply: FastifyReply, sessionToken: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, sessionToken, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export async function registerAccountRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; secureCookies: boolean },
): Promise<void> {
  const { accounts, secureCookies } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["accounts"];

  api.post(
    "/api/v1/finders",
    {
      config: { access: "public", rateLimit: SIGNUP_RATE_LIMIT },
      schema: {
        tags,
        summary: "Register as a finder; a confirmation link is mailed",
        body: registerFinderBody,
        response: { 201: createdId },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.registerFinder(request.ctx.actor, request.body)),
  );

  api.post(
    "/api/v1/auth/verify-email",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Confirm an e-mail address with the token from the mailed link",
        body: emailTokenBody,
        response: { 200: emailVerified },
      },
    },
    async (request) => {
      await accounts.verifyEmail(request.ctx.actor, request.body.token);
      return { verified: true as const };
    },
  );

  api.post(
    "/api/v1/auth/resend-verification",
    {
      config: { access: "session_pending" },
      schema: {
        tags,
        summary: "Mail a new confirmation link",
        response: { 202: verificationSent },
      },
    },
    async (request, reply) => {
      await accounts.resendVerification(request.ctx.actor);
      return reply.code(202).send({ sent: true });
    },
  );

  api.post(
    "/api/v1/auth/login",
    {
      config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Sign in; sets the session cookie",
        body: signInBody,
        response: { 200: signedIn },
      },
    },
    async (request, reply) => {
      const result = await accounts.signIn(
        originOf(request),
        request.body,
        request.cookies[SESSION_COOKIE],
      );
      setSessionCookie(reply, result.sessionToken, secureCookies);
      return {
        id: result.userId,
        secondFactor: result.secondFactor,
        csrfToken: reply.generateCsrf(),
      };
    },
  );

  api.get(
    "/api/v1/auth/csrf",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A CSRF token for writes made with the session cookie",
        response: { 200: csrfTokenView },
      },
    },
    async (_request, reply) => ({ csrfToken: reply.generateCsrf() }),
  );

  api.post(
    "/api/v1/auth/second-factor",
    {
      config: { access: "session_pending", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Give the TOTP code (or a recovery code) the session owes",
        body: secondFactorBody,
        response: { 200: secondFactorDone },
      },
    },
    async (request) => {
      await accounts.completeSecondFactor(request.ctx.actor, request.body);
      return { secondFactor: "done" as const };
    },
  );

  api.post(
    "/api/v1/auth/totp/enrol",
    {
      config: { access: "session_pending" },
      schema: {
        tags,
        summary: "Start setting up TOTP: a new secret and its otpauth URI",
        response: { 200: totpEnrolmentView },
      },
    },
    async (request) => {
      const enrolment = await accounts.startTotpEnrolment(request.ctx.actor);
      return { secret: enrolment.secret, otpauthUri: enrolment.uri };
    },
  );

  api.post(
    "/api/v1/auth/totp/confirm",
    {
      config: { access: "session_pending", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Confirm TOTP with a first code; returns recovery codes once",
        body: totpConfirmBody,
        response: { 200: recoveryCodesView },
      },
    },
    async (request) => accounts.confirmTotpEnrolment(request.ctx.actor, request.body.code),
  );

  api.post(
    "/api/v1/auth/logout",
    {
      config: { access: "session_pending" },
      schema: { tags, summary: "Sign out: the session ends", response: { 200: signedOut } },
    },
    async (request, reply) => {
      await accounts.signOut(request.ctx.actor);
      clearSessionCookie(reply, secureCookies);
      return { signedOut: true as const };
    },
  );

  api.post(
    "/api/v1/auth/password-reset",
    {
      config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Mail a password reset link (the answer is the same for unknown addresses)",
        body: passwordResetRequestBody,
        response: { 202: resetAccepted },
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.ctx.actor, request.body.email);
      return reply.code(202).send({ accepted: true });
    },
  );

  api.post(
    "/api/v1/auth/password-reset/complete",
    {
      config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Set a new password with the mailed token",
        body: tokenPasswordBody,
        response: { 200: passwordChanged },
      },
    },
    async (request) => {
      await accounts.completePasswordReset(request.ctx.actor, request.body);
      return { passwordChanged: true as const };
    },
  );

  api.post(
    "/api/v1/auth/accept-invitation",
    {
      config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Accept an invitation: set the password with the mailed token",
        body: tokenPasswordBody,
        response: { 200: invitationAccepted },
      },
    },
    async (request) => {
      await accounts.acceptInvitation(request.ctx.actor, request.body);
      return { accepted: true as const };
    },
  );

  api.post(
    "/api/v1/auth/password",
    {
      config: { access: "signed_in", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary: "Change the password; other sessions end",
        body: changePasswordBody,
        response: { 200: passwordChanged },
      },
    },
    async (request) => {
      await accounts.changePassword(request.ctx.actor, request.body);
      return { passwordChanged: true as const };
    },
  );

  api.get(
    "/api/v1/me",
    {
      config: { access: "session_pending" },
      schema: { tags, summary: "The signed-in user", response: { 200: meView } },
    },
    async (request) => accounts.me(request.ctx.actor),
  );

  api.patch(
    "/api/v1/me",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Change name or language",
        body: updateProfileBody,
        response: { 200: meView },
      },
    },
    async (request) => {
      await accounts.updateProfile(request.ctx.actor, request.body);
      return accounts.me(request.ctx.actor);
    },
  );

  api.post(
    "/api/v1/tokens",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Create an API token (shown once)",
        body: createApiTokenBody,
        response: { 201: createdApiToken },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.createApiToken(request.ctx.actor, request.body.name)),
  );

  api.get(
    "/api/v1/tokens",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The caller's API tokens (never their values)",
        response: { 200: apiTokenList },
      },
    },
    async (request) => ({
      items: await accounts.listApiTokens(request.ctx.actor),
      nextCursor: null,
    }),
  );

  api.delete(
    "/api/v1/tokens/:id",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Revoke an API token",
        params: apiTokenParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await accounts.revokeApiToken(request.ctx.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
