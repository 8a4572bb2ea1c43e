/**
 * Visibility written once (reports.visibility.ts): for every kind of caller, a report is listed
 * (the queue, or "my reports") exactly when it can be opened — and exactly when `canViewReport`
 * says so. Reports are filed by callers of every kind and moved through the desk's states, so
 * the property meets reports that are the caller's own, another's, assigned and forwarded.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KINDS, type Cast, createCast, USER_KINDS } from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { allListedIds, opens } from "../../../test/support/visibility.ts";
import { type Actor, anonymous, SYSTEM_ACTOR, type UserActor } from "../access/actor.ts";
import type { ReportsService } from "./reports.service.ts";
import { canViewReport } from "./reports.visibility.ts";

/** Filed, then moved this far by the desk. */
const STAGES = [
  "submitted",
  "assigned",
  "needs_info",
  "accepted",
  "forwarded",
  "rejected",
] as const;
type Stage = (typeof STAGES)[number];

const consent = {
  identityToCoordinator: false,
  identityToVendor: false,
  directContact: false,
  credit: null,
};

describe.each(testDatabaseTargets())("report visibility on $name", (target) => {
  let runtime: TestRuntime;
  let cast: Cast;
  /** Every kind of caller: anonymous, each user of the cast, and the shell. */
  const viewers = new Map<string, Actor>();
  let desk: UserActor;
  let reports: ReportsService;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    cast = await createCast(runtime);
    for (const kind of USER_KINDS) viewers.set(kind, await cast.actorOf(cast.users[kind]));
    viewers.set("anonymous", anonymous({ ip: null, userAgent: null }));
    viewers.set("system", SYSTEM_ACTOR);
    desk = viewers.get("intakeAdmin") as UserActor;
    reports = runtime.services.reports;
  });

  afterAll(async () => {
    await runtime?.close();
  });

  async function file(filer: UserActor, stage: Stage, index: number) {
    const { id } = await reports.submit(filer, {
      kind: "product",
      title: `Report ${index} by ${filer.name}`,
      productName: "Router A100",
      productVersion: "1.0",
      description: "Stored XSS.",
      reproduction: "Name a device <script>.",
      consent,
    });
    if (stage === "assigned") await reports.assign(desk, id, { userId: desk.userId });
    if (stage === "needs_info") await reports.requestInfo(desk, id, { message: "Which firmware?" });
    if (stage === "accepted" || stage === "forwarded") await reports.accept(desk, id);
    if (stage === "forwarded") await reports.forward(desk, id, {});
    if (stage === "rejected") await reports.reject(desk, id, { reason: "Not a vulnerability." });
  }

  /** The ids a caller's list answers, every page of it; none when it may not list at all. */
  const listed = (actor: Actor) =>
    allListedIds((cursor) =>
      reports.list(actor, { sort: "newest", limit: 200, ...(cursor ? { cursor } : {}) }),
    );
  const readable = (actor: Actor, id: string) => opens(() => reports.get(actor, id));

  it("lists a report to a caller exactly when the caller can open it", async () => {
    // Anyone with a confirmed address may file; desk staff and organization members too.
    const filers = USER_KINDS.filter((kind) => kind !== "priorityRecipient");
    let count = 0;
    const seen = { own: 0, others: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...filers), fc.constantFrom(...STAGES)), {
          minLength: 1,
          maxLength: 3,
        }),
        async (filings) => {
          for (const [filer, stage] of filings) {
            count += 1;
            await file(viewers.get(filer) as UserActor, stage, count);
          }
          const rows = await runtime.database.db
            .selectFrom("reports")
            .select(["id", "finder_user_id", "assignee_user_id"])
            .execute();
          for (const [kind, actor] of viewers) {
            const list = await listed(actor);
            for (const row of rows) {
              const opens = await readable(actor, row.id);
              const rule = canViewReport(actor, row);
              // Listed ⇔ opens ⇔ the rule, named by caller and report when it fails.
              expect({ kind, id: row.id, listed: list.has(row.id), opens }).toEqual({
                kind,
                id: row.id,
                listed: rule,
                opens: rule,
              });
              if (actor.kind === "user" && row.finder_user_id === actor.userId) seen.own += 1;
              else if (opens) seen.others += 1;
            }
          }
        },
      ),
      { numRuns: 15 },
    );
    // The property met callers' own reports and others' reports they may open (the desk's).
    expect(seen.own).toBeGreaterThan(0);
    expect(seen.others).toBeGreaterThan(0);
  });

  it("covers every kind of caller", () => {
    expect([...viewers.keys()].sort()).toEqual([...ACTOR_KINDS, "system"].sort());
  });
});
