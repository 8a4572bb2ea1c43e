import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { VNode } from "preact";
import { z } from "zod";
import type { PageContext } from "./layout.tsx";
import { pageContext, sendPage } from "./render.ts";

/** How many rows a page of a list shows. */
export const PAGE_SIZE = 50;

/** `?cursor=` of a paged list page: a value it does not know is dropped, never an error. */
export const cursorQuery = z.object({ cursor: z.string().max(500).optional().catch(undefined) });

/**
 * A public page that lists a paged collection (unreachable vendors, leak notices): the cursor
 * from the query, one page of the list, and the link to the next page.
 */
export function registerPublicListPage<Item>(
  app: FastifyInstance,
  options: {
    path: string;
    list(query: { limit: number; cursor?: string }): Promise<{
      items: Item[];
      nextCursor: string | null;
    }>;
    render(props: {
      page: PageContext;
      items: Item[];
      paged: boolean;
      nextHref: string | null;
    }): VNode;
  },
) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      options.path,
      { config: { access: "public" }, schema: { hide: true, querystring: cursorQuery } },
      async (request, reply) => {
        const cursor = request.query.cursor || undefined;
        const result = await options.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        const page = pageContext(request, reply);
        return sendPage(
          reply,
          page,
          options.render({
            page,
            items: result.items,
            paged: cursor !== undefined,
            nextHref: result.nextCursor
              ? `${options.path}?cursor=${encodeURIComponent(result.nextCursor)}`
              : null,
          }),
        );
      },
    );
}
