/**
 * The product case (調整案件), SPEC §4: the case status, its participants (vendors) with their
 * own statuses, one schedule, the embargo, the advisory's approval and publication, and the
 * timers that drive reminders and publication.
 *
 * Rules decided here (SPEC §4, §10): the NDA gate (R-COO-2, W-4), `firstContactAt` fixed once and
 * the default schedule (R-COO-3, W-6), one schedule changed only by the coordinator, never by a
 * vendor's request, and with the CSIRT's agreement where it set the date (W-5, R-COO-9), the
 * maximum embargo (W-6), termination with a reason (W-2), publication at the scheduled instant,
 * all parts together, once (R-COO-4, W-3), vendors never reached by each other's content before
 * publication (R-COO-5, W-4), the finder's identity only as consented (W-8), and timers (W-9).
 *
 * types.ts holds the vocabulary, evolve.ts how events change the state, queries.ts what can be
 * read off it, and decide/ the rules by concern.
 */
export { decideCase } from "./decide/index.ts";
export { evolveCase, initialCase } from "./evolve.ts";
export * from "./queries.ts";
export * from "./types.ts";
