import { type AccountsDeps, accountsContext } from "./accounts.context.ts";
import { createApiTokensService } from "./api-tokens.ts";
import { createEmailLinksService } from "./email-links.ts";
import { createSignInService } from "./sign-in.ts";
import { createTwoFactorService } from "./two-factor.ts";
import { createUsersService } from "./users.ts";

export type { AccountsDeps } from "./accounts.context.ts";

/**
 * The accounts service: one object composed of its concerns (sign-in and sessions, the second
 * factor, mailed links, API tokens, users), each a small factory over the same context.
 */
export function createAccountsService(deps: AccountsDeps) {
  const ctx = accountsContext(deps);
  return {
    ...createSignInService(ctx),
    ...createTwoFactorService(ctx),
    ...createEmailLinksService(ctx),
    ...createApiTokensService(ctx),
    ...createUsersService(ctx),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
