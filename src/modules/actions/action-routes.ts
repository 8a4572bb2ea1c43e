import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodObject, type ZodRawShape, type ZodType, z } from "zod";
import type { Actor } from "../access/actor.ts";

const recordId = z.string().trim().min(1).max(100);

interface RoutedAction {
  method: "POST" | "PUT";
  path: string;
  summary: string;
  params?: ZodObject<ZodRawShape> | undefined;
  body?: ZodObject<ZodRawShape> | undefined;
  answer?: "createdView" | { schema: ZodType } | undefined;
}

type Method = (actor: Actor, id: string, input: unknown) => Promise<unknown>;

/**
 * The `/api/v1` route of every action in a table: `METHOD <base>/:id/<path>`, its path
 * parameters and body checked by the entry's schemas, answered as the entry says.
 */
export function registerActionRoutes(
  app: FastifyInstance,
  options: {
    /** e.g. `/api/v1/cases` */
    base: string;
    tags: string[];
    table: Readonly<Record<string, RoutedAction>>;
    methods: Readonly<Record<string, unknown>>;
    /** The record as a caller sees it: the answer of `view` and `createdView` actions. */
    view: ZodType;
  },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const [name, action] of Object.entries(options.table)) {
    const method = options.methods[name] as Method;
    const status = action.answer ? 201 : 200;
    const response = typeof action.answer === "object" ? action.answer.schema : options.view;
    api.route({
      method: action.method,
      url: `${options.base}/:id/${action.path}`,
      config: { access: "signed_in" },
      schema: {
        tags: options.tags,
        summary: action.summary,
        params: z.object({ id: recordId, ...(action.params?.shape ?? {}) }),
        ...(action.body ? { body: action.body } : {}),
        response: { [status]: response },
      },
      handler: async (request, reply) => {
        const { id, ...params } = request.params as { id: string } & Record<string, unknown>;
        const input = {
          ...params,
          ...((request.body as Record<string, unknown> | undefined) ?? {}),
        };
        return reply.code(status).send(await method(request.ctx.actor, id, input));
      },
    });
  }
}
