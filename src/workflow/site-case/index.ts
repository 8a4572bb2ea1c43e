/**
 * The web-application case, SPEC §5: `operator_notified` → `operator_acknowledged` → `fixed` |
 * `not_vulnerable`; `operator_unreachable` when nobody answers (the acknowledgement deadline and
 * its reminders, R-WEB-6, or the desk's decision); `closed` with a reason. A web case has no
 * advisory and no public output but the operator's leak notice (R-WEB-4, W-7).
 *
 * types.ts holds the vocabulary, evolve.ts how events change the state, queries.ts what can be
 * read off it, and decide/ the rules.
 */
export { decideSiteCase } from "./decide/index.ts";
export { evolveSiteCase, initialSiteCase } from "./evolve.ts";
export { finderIdentityMayReachSite, siteCaseIsOpen } from "./queries.ts";
export * from "./types.ts";
