import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { deskKeyOutput } from "./desk-key.schemas.ts";
import type { DeskKeyService } from "./desk-key.service.ts";

/** Short enough that a rotated key reaches finders soon, long enough to spare the server. */
const PUBLIC_KEY_MAX_AGE_SECONDS = 300;
const cacheable = `public, max-age=${PUBLIC_KEY_MAX_AGE_SECONDS}`;

/** The desk's public key, for anyone: the stable .asc URL and its JSON form (R-SEC-3). */
export async function registerDeskKeyRoutes(
  app: FastifyInstance,
  deps: { deskKey: DeskKeyService },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/desk-key",
    {
      config: { access: "public" },
      schema: {
        tags: ["desk-key"],
        summary: "The intake desk's current OpenPGP public key, to encrypt a report to",
        response: { 200: deskKeyOutput },
      },
    },
    async (request, reply) => {
      const key = await deps.deskKey.current(request.ctx.actor);
      reply.header("Cache-Control", cacheable);
      return { fingerprint: key.fingerprint, publicKey: key.publicKey, createdAt: key.createdAt };
    },
  );

  api.get(
    "/desk-key.asc",
    {
      config: { access: "public" },
      schema: {
        tags: ["desk-key"],
        summary: "The intake desk's current OpenPGP public key, ASCII-armored",
      },
    },
    async (request, reply) => {
      const key = await deps.deskKey.current(request.ctx.actor);
      return reply
        .header("Cache-Control", cacheable)
        .header("Content-Disposition", 'inline; filename="kakehashi-desk-key.asc"')
        .type("application/pgp-keys")
        .send(key.publicKey);
    },
  );
}
