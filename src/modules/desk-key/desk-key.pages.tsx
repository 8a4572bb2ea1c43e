import type { FastifyInstance } from "fastify";
import { DeskKeyPage } from "../../web/pages/desk-key/desk-key.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { DeskKeyService } from "./desk-key.service.ts";

export async function registerDeskKeyPages(
  app: FastifyInstance,
  deps: { deskKey: DeskKeyService; publicUrl: string },
) {
  app.get(
    "/desk-key",
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const key = await deps.deskKey.current(request.ctx.actor);
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <DeskKeyPage page={page} deskKey={key} publicUrl={deps.publicUrl} />,
      );
    },
  );
}
