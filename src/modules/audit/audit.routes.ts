import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditLogPage } from "./audit.schemas.ts";
import type { AuditService } from "./audit.service.ts";

export const auditQuery = z.object({
  type: z.string().trim().max(100).optional(),
  outcome: z.enum(["ok", "denied", "failed"]).optional(),
  actorUserId: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export async function registerAuditRoutes(app: FastifyInstance, deps: { auditLog: AuditService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/audit",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "The audit log, newest first (intake and coordinator admins)",
        querystring: auditQuery,
        response: { 200: auditLogPage },
      },
    },
    async (request) => deps.auditLog.list(request.ctx.actor, request.query),
  );
}
