import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

export async function registerSystemRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    "/healthz",
    {
      config: { access: "public" },
      schema: {
        summary: "Liveness: answers once the server accepts requests",
        tags: ["system"],
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  typed.get(
    "/api/openapi.json",
    { config: { access: "public" }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
