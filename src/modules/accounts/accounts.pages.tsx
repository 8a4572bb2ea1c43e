import type { FastifyInstance } from "fastify";
import { registerAccountSettingsPages } from "./account-settings.pages.tsx";
import type { AccountsService } from "./accounts.service.ts";
import { registerEmailLinkPages } from "./email-links.pages.tsx";
import { registerSignInPages } from "./sign-in.pages.tsx";
import { registerSignUpPages } from "./sign-up.pages.tsx";

/** The account pages: sign-up, e-mail confirmation, sign-in, two-factor, password, account. */
export async function registerAccountPages(
  app: FastifyInstance,
  deps: { accounts: AccountsService; secureCookies: boolean },
): Promise<void> {
  registerSignUpPages(app, deps);
  registerEmailLinkPages(app, deps);
  registerSignInPages(app, deps);
  registerAccountSettingsPages(app, deps);
}
