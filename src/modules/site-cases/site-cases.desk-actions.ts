import type { Actor } from "../access/actor.ts";
import type { SiteCloseInput } from "./site-cases.schemas.ts";
import { DESK, type SiteCasePipeline } from "./site-cases.subject.ts";

/** The intake desk's decisions on a site case: the operator unreachable, the case closed. */
export function createDeskActions(deps: { pipeline: SiteCasePipeline }) {
  const { pipeline } = deps;

  return {
    async markUnreachable(actor: Actor, id: string) {
      const { view } = await pipeline.run(actor, id, {
        viewers: DESK,
        audit: "site_case.marked_unreachable",
        work: ({ execute }) => execute({ type: "mark_unreachable" }),
      });
      return view;
    },

    /** The report closes with the case (R-INT-9). */
    async close(actor: Actor, id: string, input: SiteCloseInput) {
      const { view } = await pipeline.run(actor, id, {
        viewers: DESK,
        audit: "site_case.closed",
        details: { reason: input.reason },
        work: ({ execute }) =>
          execute({ type: "close", reason: input.reason, message: input.message }),
      });
      return view;
    },
  };
}
