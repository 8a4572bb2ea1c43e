/**
 * SPEC §10, W-1 … W-9: each invariant is checked over generated sequences of commands —
 * adversarial (anyone may send anything), out of order and late (an `at` in the past), repeated
 * (same id, same or other payload) and with timers delivered more than once — at least 1,000
 * sequences each. Each test also counts the situations its rule is about and requires that
 * they occurred, so a generator that stopped reaching them would fail rather than pass vacuously.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CaseEvent,
  type CaseState,
  publicationBlockers,
  publicationDue,
  publicCaseView,
  TERMINATION_REASONS,
} from "./case/index.ts";
import { addDays, nonEmpty, type Recipient } from "./common.ts";
import { type AggregateType, type AnyEvent, machineFor, replayEvents } from "./machines.ts";
import type { ReportState } from "./report.ts";
import type { SiteCaseEvent, SiteCaseState } from "./site-case/index.ts";
import {
  type CaseRun,
  caseRunArb,
  type Driver,
  runCase,
  runWorld,
  type Walked,
  type WorldRun,
  walk,
  worldRunArb,
} from "./testing/generators/index.ts";

const RUNS = 1000;

function walked(d: Driver): Walked[] {
  return [
    ...walk(
      d.world.log,
      (aggregate, state, event) =>
        (machineFor(aggregate).evolve as (s: unknown, e: unknown) => unknown)(state, event),
      (aggregate, id) => machineFor(aggregate).initial(id),
    ),
  ];
}

function caseEvents(
  d: Driver,
): (Walked & { before: CaseState; after: CaseState; event: CaseEvent })[] {
  return walked(d).filter((w) => w.aggregate === "case") as never;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

type AnyRun = { kind: "case"; run: CaseRun } | { kind: "world"; run: WorldRun };

const anyRunArb: fc.Arbitrary<AnyRun> = fc.oneof(
  caseRunArb().map((run) => ({ kind: "case" as const, run })),
  worldRunArb().map((run) => ({ kind: "world" as const, run })),
);

function runAny(run: AnyRun, hooks: { onCommand?: Driver["onCommand"] } = {}): Driver {
  return run.kind === "case" ? runCase(run.run, hooks) : runWorld(run.run, hooks);
}

const isAdvisoryPublic = (r: Recipient) => r.kind === "public" && r.channel === "advisory";

// A thousand sequences per invariant take seconds alone and much longer on a loaded CI machine.
describe("workflow invariants (SPEC §10)", { timeout: 180_000 }, () => {
  it("W-1 a rejected command leaves every state unchanged; replaying the events rebuilds the same state; a repeated command id is a no-op", () => {
    const seen = { rejected: 0, repeatedIds: 0, accepted: 0 };
    fc.assert(
      fc.property(anyRunArb, (run) => {
        const d = runAny(run, {
          onCommand(issued, before, after, driver) {
            const world = driver.world;
            // States are frozen: a machine that changed the state it was given would throw.
            deepFreeze(after);
            if (!issued.ok) {
              seen.rejected += 1;
              expect(isDeepStrictEqual(after, before)).toBe(true);
              expect(issued.logAfter).toBe(issued.logBefore);
            } else if (issued.logAfter === issued.logBefore) {
              seen.repeatedIds += 1;
              expect(after).toBe(before);
              expect((before as { commandIds: string[] }).commandIds).toContain(
                issued.command.commandId,
              );
            } else {
              seen.accepted += 1;
            }
            // Sent again with the same id: nothing happens, whatever happened the first time.
            const logLength = world.log.length;
            const again = world.execute(issued.aggregate, issued.id, issued.command as never);
            expect(world.log.length).toBe(logLength);
            expect(isDeepStrictEqual(world.state(issued.aggregate, issued.id), after)).toBe(true);
            if (issued.ok) expect(again).toEqual({ ok: true, events: [] });
            else expect(again.ok).toBe(false);
          },
        });
        // Replaying each aggregate's stored (JSON) events rebuilds its state exactly.
        const byAggregate = new Map<
          string,
          { aggregate: AggregateType; id: string; events: AnyEvent[] }
        >();
        for (const entry of d.world.log) {
          const key = `${entry.aggregate}:${entry.id}`;
          const group = byAggregate.get(key) ?? {
            aggregate: entry.aggregate,
            id: entry.id,
            events: [],
          };
          group.events.push(JSON.parse(JSON.stringify(entry.event)));
          byAggregate.set(key, group);
        }
        for (const { aggregate, id, events } of byAggregate.values()) {
          const replayed = replayEvents(aggregate, id, events as never);
          expect(JSON.parse(JSON.stringify(replayed))).toEqual(
            JSON.parse(JSON.stringify(d.world.state(aggregate, id))),
          );
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.rejected).toBeGreaterThan(RUNS * 5);
    expect(seen.repeatedIds).toBeGreaterThan(RUNS / 2);
    expect(seen.accepted).toBeGreaterThan(RUNS * 5);
  });

  it("W-2 nothing of a case is public before its publication instant unless the embargo was terminated with a recorded reason", () => {
    const seen = { scheduled: 0, terminated: 0 };
    fc.assert(
      fc.property(caseRunArb(), (run) => {
        const d = runCase(run);
        for (const { event, before, after } of caseEvents(d)) {
          if (publicCaseView(before) === null && publicCaseView(after) !== null) {
            expect(event.type).toBe("case_published");
          }
          if (!event.audience.some(isAdvisoryPublic) || before.publication) continue;
          // Only the publication itself makes anything of the case public…
          expect(event.type).toBe("case_published");
          if (event.type !== "case_published") continue;
          expect(event.publishedAt <= event.at).toBe(true);
          const termination = before.termination;
          if (termination) {
            // … early only after a termination with one of the four reasons …
            expect(TERMINATION_REASONS).toContain(termination.reason);
            expect(event.terminationReason).toBe(termination.reason);
            seen.terminated += 1;
          } else {
            // … otherwise at or after the instant of the schedule in force.
            const publishAt = before.schedule?.publishAt;
            expect(publishAt).toBeDefined();
            expect(event.at >= (publishAt as string)).toBe(true);
            expect(event.publishedAt >= (publishAt as string)).toBe(true);
            seen.scheduled += 1;
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.scheduled).toBeGreaterThan(RUNS / 20);
    expect(seen.terminated).toBeGreaterThan(RUNS / 50);
  });

  it("W-3 at publication every vendor added before it was notified or recorded unresponsive, and all statements and the advisory share one publication instant", () => {
    const seen = { publications: 0, withStatements: 0, withUnresponsive: 0 };
    fc.assert(
      fc.property(caseRunArb(), (run) => {
        const d = runCase(run);
        const published = caseEvents(d).filter((w) => w.event.type === "case_published");
        expect(published.length).toBeLessThanOrEqual(1);
        for (const { event, before } of published) {
          if (event.type !== "case_published") continue;
          seen.publications += 1;
          for (const p of before.participants) {
            expect(p.status).not.toBe("identified");
            expect(p.notifiedAt).not.toBeNull();
            if (p.status === "unresponsive") seen.withUnresponsive += 1;
          }
          expect(before.advisory.status).toBe("approved");
          expect(event.advisoryRevision).toBe(before.advisory.revision);
          // Every statement and countermeasure recorded so far goes out in this one event.
          expect(event.statements).toEqual(
            before.participants.flatMap((p) =>
              p.statement ? [{ orgId: p.orgId, statementId: p.statement.id }] : [],
            ),
          );
          expect(event.countermeasures).toEqual(
            before.participants.flatMap((p) =>
              p.countermeasures.map((c) => ({ orgId: p.orgId, countermeasureId: c.id })),
            ),
          );
          if (event.statements.length > 0) seen.withStatements += 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.publications).toBeGreaterThan(RUNS / 10);
    expect(seen.withStatements).toBeGreaterThan(RUNS / 50);
    expect(seen.withUnresponsive).toBeGreaterThan(0);
  });

  it("W-4 no case content reaches a vendor before its NDA is recorded, and no vendor receives another vendor's messages or statements before publication", () => {
    const authorOf = (event: CaseEvent): string | null => {
      switch (event.type) {
        case "message_posted":
          return event.authorOrgId;
        case "statement_set":
        case "participant_status_reported":
        case "participant_acknowledged":
        case "countermeasure_added":
        case "tracking_id_set":
        case "others_affected_reported":
        case "schedule_requested":
        case "schedule_request_decided":
        case "direct_contact_requested":
          return event.orgId;
        default:
          return null;
      }
    };
    const seen = { toVendors: 0, vendorContent: 0, refusedForNda: 0 };
    fc.assert(
      fc.property(caseRunArb(), (run) => {
        const d = runCase(run);
        seen.refusedForNda += d.issued.filter((i) => !i.ok).length;
        for (const { event, before } of caseEvents(d)) {
          const vendors = event.audience.filter(
            (r): r is { kind: "vendor"; orgId: string } => r.kind === "vendor",
          );
          for (const vendor of vendors) {
            seen.toVendors += 1;
            const p = before.participants.find((x) => x.orgId === vendor.orgId);
            const informed = p !== undefined && p.status !== "identified" && p.nda !== null;
            const bringsNda =
              (event.type === "participant_notified" ||
                event.type === "participant_self_reported") &&
              event.orgId === vendor.orgId &&
              nonEmpty(event.nda.version);
            expect(informed || bringsNda).toBe(true);
          }
          const author = authorOf(event);
          if (author && !before.publication) {
            seen.vendorContent += 1;
            for (const vendor of vendors) expect(vendor.orgId).toBe(author);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.toVendors).toBeGreaterThan(RUNS * 2);
    expect(seen.vendorContent).toBeGreaterThan(RUNS);
  });

  it("W-5 one current schedule, changed only by the coordinator (with the CSIRT's agreement where it set the date), never by a vendor's request, every change an event with old, new, reason and actor", () => {
    const seen = { revisions: 0, csirtRevisions: 0, vendorRequests: 0 };
    fc.assert(
      fc.property(caseRunArb(), (run) => {
        const d = runCase(run);
        for (const { event, before, after } of caseEvents(d)) {
          if (event.type === "schedule_requested") seen.vendorRequests += 1;
          if (event.type !== "schedule_set") {
            expect(isDeepStrictEqual(after.schedule, before.schedule)).toBe(true);
            continue;
          }
          const old = before.schedule
            ? {
                publishAt: before.schedule.publishAt,
                countermeasureDue: before.schedule.countermeasureDue,
              }
            : null;
          expect(event.old).toEqual(old);
          expect(after.schedule).toEqual({ ...event.new, revision: event.revision });
          expect(event.revision).toBe((before.schedule?.revision ?? 0) + 1);
          expect(after.scheduleRevisions).toHaveLength(event.revision);
          expect(nonEmpty(event.reason)).toBe(true);
          expect(event.actor).toBeDefined();
          if (before.schedule) {
            seen.revisions += 1;
            // A change: the coordinator's, and the CSIRT agreed when it set the date.
            expect(event.actor.kind).toBe("coordinator");
            expect(event.setBy).toBe("coordinator");
            if (before.source?.kind === "csirt") {
              seen.csirtRevisions += 1;
              const proposal = before.csirtProposals.find((p) => p.id === event.csirtProposalId);
              expect(proposal?.status).toBe("agreed");
              expect(proposal?.publishAt).toBe(event.new.publishAt);
              expect(proposal?.countermeasureDue).toBe(event.new.countermeasureDue);
            }
          } else if (event.setBy === "csirt") {
            expect(event.actor.kind).toBe("csirt");
            expect(before.source?.kind).toBe("csirt");
          } else if (event.setBy === "coordinator") {
            expect(event.actor.kind).toBe("coordinator");
          } else {
            expect(event.setBy).toBe("default");
            expect(event.requestedBy).toEqual({ kind: "default" });
          }
          // A vendor's command never sets a date of its own choosing.
          if (event.actor.kind === "vendor") expect(event.setBy).toBe("default");
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.revisions).toBeGreaterThan(RUNS / 10);
    expect(seen.csirtRevisions).toBeGreaterThan(0);
    expect(seen.vendorRequests).toBeGreaterThan(RUNS / 5);
  });

  it("W-6 the first notification fixes firstContactAt once, the default publication date is 45 days (as configured) after it, and later dates beyond the maximum carry a recorded reason", () => {
    const seen = { firstContacts: 0, defaults: 0, beyondMaximum: 0 };
    fc.assert(
      fc.property(caseRunArb(), (run) => {
        const d = runCase(run);
        const policy = run.policy;
        for (const { event, before, after } of caseEvents(d)) {
          if (before.firstContactAt !== null) {
            expect(after.firstContactAt).toBe(before.firstContactAt);
          } else if (after.firstContactAt !== null) {
            seen.firstContacts += 1;
            expect(["participant_notified", "participant_self_reported"]).toContain(event.type);
            expect(after.firstContactAt).toBe(event.at);
          }
          if (event.type !== "schedule_set") continue;
          if (event.setBy === "default") {
            seen.defaults += 1;
            expect(event.new.publishAt).toBe(
              addDays(before.firstContactAt as string, policy.defaultEmbargoDays),
            );
          }
          const base = before.firstContactAt ?? before.openedAt;
          if (base && event.new.publishAt > addDays(base, policy.maxEmbargoDays)) {
            seen.beyondMaximum += 1;
            expect(nonEmpty(event.exceedReason)).toBe(true);
          }
        }
        // The first notification leaves a schedule behind (the default, unless one existed).
        const all = walked(d);
        for (const issued of d.issued) {
          const range = all
            .slice(issued.logBefore, issued.logAfter)
            .filter((w) => w.aggregate === "case");
          const first = range.some(
            (w) =>
              w.event.type === "participant_notified" &&
              (w.event as { firstContact: boolean }).firstContact,
          );
          const after = range.at(-1)?.after as CaseState | undefined;
          if (
            first &&
            after &&
            ["coordinating", "countermeasure_ready"].includes(after.status ?? "")
          ) {
            expect(after.schedule).not.toBeNull();
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.firstContacts).toBeGreaterThan(RUNS / 4);
    expect(seen.defaults).toBeGreaterThan(RUNS / 4);
    expect(seen.beyondMaximum).toBeGreaterThan(RUNS / 20);
  });

  it("W-7 a forwarded web report never creates a product case, an advisory or priority access, and never appears in public output but the operator's leak notice", () => {
    const seen = { webForwarded: 0, productForwarded: 0, leakNotices: 0 };
    fc.assert(
      fc.property(worldRunArb(), (run) => {
        const d = runWorld(run);
        for (const { aggregate, event, states } of walked(d)) {
          const publicOutput = event.audience.filter((r) => r.kind === "public");
          if (aggregate === "report") expect(publicOutput).toEqual([]);
          if (aggregate === "site_case") {
            for (const r of publicOutput)
              expect(r).toEqual({ kind: "public", channel: "leak_notice" });
            if (publicOutput.length > 0) seen.leakNotices += 1;
          }
          if (event.type === "case_opened" && event.source.kind === "report") {
            // A case comes only from a product report forwarded to it.
            const report = states.get(`report:${event.source.reportId}`) as ReportState | undefined;
            expect(report?.kind).toBe("product");
            expect(report?.status).toBe("forwarded");
            seen.productForwarded += 1;
          }
          if (event.type === "site_case_opened") {
            const report = states.get(`report:${event.reportId}`) as ReportState | undefined;
            expect(report?.kind).toBe("web");
            seen.webForwarded += 1;
          }
        }
        // Every case (and so every advisory) belongs to a product report.
        for (const caseId of d.world.ids("case")) {
          const source = d.world.state("case", caseId).source;
          if (source?.kind === "report")
            expect(d.world.state("report", source.reportId).kind).toBe("product");
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.webForwarded).toBeGreaterThan(RUNS / 10);
    expect(seen.productForwarded).toBeGreaterThan(RUNS / 10);
    expect(seen.leakNotices).toBeGreaterThan(0);
  });

  it("W-8 the finder's identity reaches a party only under the consent recorded on the report", () => {
    const seen = { shared: 0, credits: 0, refusedShares: 0 };
    fc.assert(
      fc.property(worldRunArb(), (run) => {
        const d = runWorld(run);
        seen.refusedShares += d.issued.filter(
          (i) => i.command.type === "share_finder_identity" && !i.ok,
        ).length;
        for (const { aggregate, event, before, states } of walked(d)) {
          if (aggregate === "case") {
            const kase = before as CaseState;
            const e = event as CaseEvent;
            if (kase.source?.kind !== "report") continue;
            const report = states.get(`report:${kase.source.reportId}`) as ReportState;
            const consent = report.consent?.kind === "product" ? report.consent : null;
            if (e.type === "case_published") {
              seen.credits += 1;
              expect(e.credit).toBe(consent?.credit ?? null);
            }
            if (e.type !== "finder_identity_shared") continue;
            seen.shared += 1;
            expect(e.audience).toEqual(e.to);
            expect(kase.finderConsent).toEqual(consent);
            for (const r of e.to) {
              if (r.kind === "coordinator") expect(consent?.identityToCoordinator).toBe(true);
              else if (r.kind === "vendor") {
                const p = kase.participants.find((x) => x.orgId === r.orgId);
                expect(p && p.status !== "identified" && p.nda !== null).toBe(true);
                const direct =
                  consent?.directContact === true &&
                  kase.directContacts.some((c) => c.orgId === r.orgId && c.status === "open");
                expect(consent?.identityToVendor === true || direct).toBe(true);
              } else {
                expect.fail(`finder identity shared with ${r.kind}`);
              }
            }
          } else if (aggregate === "site_case" && event.type === "finder_identity_shared") {
            const site = before as SiteCaseState;
            const e = event as Extract<SiteCaseEvent, { type: "finder_identity_shared" }>;
            seen.shared += 1;
            const report = states.get(`report:${site.reportId}`) as ReportState;
            const consent = report.consent?.kind === "web" ? report.consent : null;
            expect(site.finderConsent).toEqual(consent);
            expect(e.audience).toEqual(e.to);
            for (const r of e.to) {
              expect(r).toEqual({ kind: "site_operator", orgId: site.operator?.orgId });
              const direct =
                consent?.directContact === true &&
                site.directContacts.some((c) => c.status === "open");
              expect(consent?.identityToOperator === true || direct).toBe(true);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.shared).toBeGreaterThan(RUNS / 10);
    expect(seen.refusedShares).toBeGreaterThan(RUNS / 20);
  });

  it("W-9 timers are events driven by the one clock, and after the clock passes a deadline the matching reminder, escalation or publication exists exactly once", () => {
    const seen = { timers: 0, reminders: 0, escalations: 0, publications: 0, unreachable: 0 };
    fc.assert(
      fc.property(anyRunArb, (run) => {
        const d = runAny(run);
        const all = walked(d);
        const timers = new Map<string, { dueAt: string; fired: number }>();
        const consequences = new Map<string, number>();
        const count = (key: string) => consequences.set(key, (consequences.get(key) ?? 0) + 1);
        for (const issued of d.issued) {
          const events = all.slice(issued.logBefore, issued.logAfter);
          const firedHere = events.filter((w) => w.event.type === "timer_fired");
          for (const w of events) {
            const key = `${w.aggregate}:${w.id}`;
            const e = w.event as CaseEvent | SiteCaseEvent;
            if (e.type === "timer_set") {
              seen.timers += 1;
              timers.set(`${key}:${e.timer.id}`, { dueAt: e.timer.dueAt, fired: 0 });
            } else if (e.type === "timer_fired") {
              const timer = timers.get(`${key}:${e.timerId}`);
              expect(timer).toBeDefined();
              if (timer) {
                timer.fired += 1;
                expect(e.at >= timer.dueAt).toBe(true);
              }
            }
            const consequence =
              e.type === "participant_reminder_due"
                ? `${key}:reminder:${e.orgId}:${e.generation}:${e.step}`
                : e.type === "participant_escalation_due"
                  ? `${key}:escalation:${e.orgId}:${e.generation}`
                  : e.type === "operator_reminder_due"
                    ? `${key}:operator-reminder:${e.generation}:${e.step}`
                    : e.type === "site_case_status_changed" &&
                        e.on === "unreachable_after_reminders"
                      ? `${key}:unreachable`
                      : e.type === "case_published"
                        ? `${key}:published`
                        : null;
            if (!consequence) continue;
            count(consequence);
            if (e.type === "participant_reminder_due" || e.type === "operator_reminder_due")
              seen.reminders += 1;
            if (e.type === "participant_escalation_due") seen.escalations += 1;
            if (e.type === "case_published") seen.publications += 1;
            if (consequence.endsWith(":unreachable")) seen.unreachable += 1;
            // Reminders and escalations come only from a deadline that passed.
            if (e.type !== "case_published") {
              expect(issued.command.type).toBe("fire_timer");
              expect(firedHere).toHaveLength(1);
            }
          }
          // A deadline that fired while it still mattered produced its consequence.
          const fired = firedHere[0];
          if (fired?.aggregate !== "case") continue;
          const before = fired.before as CaseState;
          const timer = before.timers.find(
            (t) => t.id === (fired.event as { timerId: string }).timerId,
          );
          if (
            !timer ||
            !before.status ||
            !["triage", "coordinating", "countermeasure_ready"].includes(before.status)
          )
            continue;
          const types = events.map((w) => w.event.type);
          const p = before.participants.find((x) => x.orgId === timer.orgId);
          if (
            timer.orgId &&
            p?.ladder &&
            p.ladder.generation === timer.generation &&
            !p.ladder.exhaustedAt
          ) {
            expect(
              types.some(
                (t) => t === "participant_reminder_due" || t === "participant_escalation_due",
              ),
            ).toBe(true);
          }
          if (
            timer.kind === "publication_due" &&
            before.schedule?.revision === timer.revision &&
            !before.publication
          ) {
            expect(types.some((t) => t === "case_published" || t === "publication_overdue")).toBe(
              true,
            );
          }
        }
        for (const [key, n] of consequences) expect(n, key).toBe(1);
        // Every deadline the clock passed was fired, once.
        for (const [key, timer] of timers) {
          expect(timer.fired, key).toBeLessThanOrEqual(1);
          if (timer.dueAt <= d.now) expect(timer.fired, key).toBe(1);
        }
        // Nothing due was left behind: no ladder still running, no due publication unmade.
        for (const id of d.world.ids("case")) {
          const kase = d.world.state("case", id);
          if (
            !kase.status ||
            !["triage", "coordinating", "countermeasure_ready"].includes(kase.status)
          )
            continue;
          for (const p of kase.participants)
            expect(p.ladder === null || p.ladder.exhaustedAt !== null).toBe(true);
          if (publicationDue(kase, d.now)) expect(publicationBlockers(kase)).not.toEqual([]);
        }
        for (const id of d.world.ids("site_case")) {
          expect(d.world.state("site_case", id).status).not.toBe("operator_notified");
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.timers).toBeGreaterThan(RUNS * 2);
    expect(seen.reminders).toBeGreaterThan(RUNS / 4);
    expect(seen.escalations).toBeGreaterThan(RUNS / 10);
    expect(seen.publications).toBeGreaterThan(RUNS / 20);
    expect(seen.unreachable).toBeGreaterThan(RUNS / 20);
  });
});
