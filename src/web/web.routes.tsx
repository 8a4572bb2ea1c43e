import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isSignedIn } from "../modules/access/actor.ts";
import type { AccountsService } from "../modules/accounts/accounts.service.ts";
import { LANGUAGE_COOKIE } from "../platform/http/context.ts";
import { LANGUAGES } from "../platform/i18n/i18n.ts";
import { HomePage } from "./pages/home.tsx";
import { pageContext, sendPage } from "./render.ts";

const require = createRequire(import.meta.url);
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

const languageSwitchBody = z.object({
  language: z.enum(LANGUAGES),
  returnTo: z.string().optional(),
});

/**
 * A path on this site with its query, or null for anything else: never `//host` or a full URL
 * (no open redirect).
 */
export function localPath(value: string | undefined): string | null {
  // Browsers drop tabs and newlines from URLs ("/\t/evil" becomes "//evil"): refuse any
  // control character or backslash, then make sure the path stays on this origin.
  const unsafe = (character: string) => {
    const code = character.charCodeAt(0);
    return code <= 0x20 || code === 0x7f || character === "\\";
  };
  if (!value?.startsWith("/") || [...value].some(unsafe)) return null;
  const base = "http://kakehashi.invalid";
  const url = new URL(value, base);
  if (url.origin !== base) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A local path (see localPath), or the home page. */
export function safeReturnPath(value: string | undefined): string {
  return localPath(value) ?? "/";
}

async function registerStatic(app: FastifyInstance): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const assets = [
    { prefix: "/static/", root: path.join(here, "static"), maxAge: "1h" },
    {
      prefix: "/static/vendor/design-tokens/",
      root: path.dirname(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
      maxAge: "30d",
    },
    {
      prefix: "/static/vendor/noto-sans-jp/",
      root: path.dirname(require.resolve("@fontsource/noto-sans-jp/400.css")),
      // Fonts are many small files per page; let browsers keep them.
      maxAge: "30d",
    },
  ];
  for (const [index, asset] of assets.entries()) {
    await app.register(fastifyStatic, {
      root: asset.root,
      prefix: asset.prefix,
      decorateReply: index === 0,
      index: false,
      maxAge: asset.maxAge,
      // The font package ships more than fonts and CSS; serve only those.
      allowedPath: (pathName) => /\.(css|woff2?|js|svg|png|ico)$/.test(pathName),
    });
  }
}

export async function registerWebRoutes(
  app: FastifyInstance,
  deps: { secureCookies: boolean; accounts: AccountsService },
): Promise<void> {
  await registerStatic(app);

  app.get("/", { config: { access: "public" }, schema: { hide: true } }, (request, reply) => {
    const page = pageContext(request, reply);
    return sendPage(reply, page, <HomePage page={page} />);
  });

  app.post(
    "/language",
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const parsed = languageSwitchBody.safeParse(request.body);
      const language = parsed.success ? parsed.data.language : request.ctx.language;
      // A signed-in user's language belongs to the account (pages and e-mail follow it).
      if (isSignedIn(request.ctx.actor))
        await deps.accounts.updateProfile(request.ctx.actor, { language });
      reply.setCookie(LANGUAGE_COOKIE, language, {
        path: "/",
        maxAge: ONE_YEAR_SECONDS,
        sameSite: "lax",
        httpOnly: true,
        secure: deps.secureCookies,
      });
      return reply.redirect(safeReturnPath(parsed.success ? parsed.data.returnTo : undefined), 303);
    },
  );
}
