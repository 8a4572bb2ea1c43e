import type { UserActor } from "../../src/modules/access/actor.ts";
import type { AdvisoryDraftInput } from "../../src/modules/advisories/advisories.schemas.ts";
import type { Runtime } from "../../src/runtime.ts";
import { type Cast, createTestUser, type TestUser } from "./actors.ts";
import type { TestRuntime } from "./runtime.ts";

/**
 * Product cases driven to an approved advisory through the services, for the advisory tests:
 * a finder's report forwarded, vendors notified under NDAs, their answers, a schedule, the
 * draft and its approval.
 */

export const DAY = 24 * 60 * 60 * 1000;
const NDA = { signedAt: "2026-01-15T00:00:00.000Z", version: "2026-01" };

export interface AdvisoryPeople {
  finder: UserActor;
  desk: UserActor;
  coordinator: UserActor;
  vendorA: UserActor;
  vendorB: UserActor;
  vendorBAdmin: TestUser;
}

/** The actors of a cast, with an admin for vendor B (the cast has only a member there). */
export async function advisoryPeople(runtime: Runtime, cast: Cast): Promise<AdvisoryPeople> {
  const vendorBAdmin = await createTestUser(runtime, {
    email: `admin-${Math.random().toString(36).slice(2, 8)}@vendor-b.example`,
    name: "Vendor B Admin",
    organizationId: cast.organizations.vendorB,
    role: "admin",
  });
  const people = {
    finder: await cast.actorOf(cast.users.finder),
    desk: await cast.actorOf(cast.users.intakeMember),
    coordinator: await cast.actorOf(cast.users.coordinatorMember),
    vendorA: await cast.actorOf(cast.users.vendorAAdmin),
    vendorB: await cast.actorOf(vendorBAdmin),
    vendorBAdmin,
  };
  for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
    await runtime.services.organizations.recordNda(people.coordinator, orgId, NDA);
  }
  return people;
}

export interface ReportText {
  title?: string;
  description?: string;
  reproduction?: string;
  verificationMethod?: string;
  attackMethod?: string;
  howFound?: string;
  disclosurePlans?: string;
  credit?: string | null;
}

/** A finder's product report, accepted and forwarded: its id and the case's. */
export async function forwardedCase(
  runtime: Runtime,
  people: AdvisoryPeople,
  text: ReportText = {},
): Promise<{ reportId: string; caseId: string }> {
  const { reports } = runtime.services;
  const { id: reportId } = await reports.submit(people.finder, {
    kind: "product",
    title: text.title ?? "XSS in Router A100 admin console",
    productName: "Router A100",
    productVersion: "1.0.3",
    description: text.description ?? "Stored XSS in the device name field.",
    reproduction: text.reproduction ?? "Add a device named <script> and open the list.",
    ...(text.verificationMethod ? { verificationMethod: text.verificationMethod } : {}),
    ...(text.attackMethod ? { attackMethod: text.attackMethod } : {}),
    ...(text.howFound ? { howFound: text.howFound } : {}),
    ...(text.disclosurePlans ? { disclosurePlans: text.disclosurePlans } : {}),
    consent: {
      identityToCoordinator: true,
      identityToVendor: true,
      directContact: false,
      credit: text.credit === undefined ? "Finder One" : text.credit,
    },
  });
  await reports.accept(people.desk, reportId);
  const { caseId } = await reports.forward(people.desk, reportId, {});
  if (!caseId) throw new Error("the forward made no case");
  return { reportId, caseId };
}

/** Adds and notifies vendors A and B; both acknowledge. */
export async function notifyVendors(
  runtime: Runtime,
  cast: Cast,
  people: AdvisoryPeople,
  caseId: string,
  which: ("vendorA" | "vendorB")[] = ["vendorA", "vendorB"],
): Promise<void> {
  const { cases } = runtime.services;
  for (const key of which) {
    const orgId = cast.organizations[key];
    await cases.addVendor(people.coordinator, caseId, { organizationId: orgId });
    await cases.notifyVendor(people.coordinator, caseId, { orgId: orgId });
    await cases.acknowledge(people[key], caseId);
  }
}

/** The draft every advisory test starts from (API.md's fields). */
export function draftFor(
  cast: Cast,
  overrides: Partial<AdvisoryDraftInput> = {},
): AdvisoryDraftInput {
  return {
    title: "Router A100 における格納型クロスサイトスクリプティングの脆弱性",
    overview:
      "Vendor A Corporation が提供する Router A100 の管理画面には、格納型クロスサイトスクリプティングの脆弱性があります。",
    description: "The device name field of the admin console is rendered without escaping.",
    impact: "管理画面を開いた管理者のブラウザ上で、任意のスクリプトが実行される可能性があります。",
    cwe: "CWE-79",
    cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    cvssV4: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N",
    affected: [
      {
        vendorOrgId: cast.organizations.vendorA,
        product: "Router A100",
        versions: ["1.0.3 and earlier"],
      },
    ],
    references: [
      { url: "https://www.cve.org/CVERecord?id=CVE-2026-10001", title: "CVE-2026-10001" },
    ],
    ...overrides,
  };
}

/** The English texts of `draftFor`'s advisory, as its `translation` (a CVE record needs them). */
export const englishTranslation = {
  title: "Stored cross-site scripting in Router A100",
  overview: "The admin console of Router A100 by Vendor A Corporation has a stored XSS flaw.",
  description: "The device name field of the admin console is rendered without escaping.",
  impact: "A script may run in the browser of an administrator who opens the admin console.",
};

/**
 * A case with vendor A affected (statement and a fix) and vendor B not affected, the schedule
 * at `publishAt`, and the advisory approved.
 */
export async function approvedCase(
  runtime: Runtime,
  cast: Cast,
  people: AdvisoryPeople,
  options: { publishAt: string; text?: ReportText; draft?: Partial<AdvisoryDraftInput> },
): Promise<{ reportId: string; caseId: string }> {
  const { cases, advisories } = runtime.services;
  const ids = await forwardedCase(runtime, people, options.text);
  await notifyVendors(runtime, cast, people, ids.caseId);
  await cases.reportStatus(people.vendorA, ids.caseId, {
    status: "affected",
    statement: "Vendor A fixed this in firmware 1.0.4.",
  });
  await cases.setStatement(people.vendorA, ids.caseId, {
    text: "Vendor A fixed this in firmware 1.0.4.",
    advisoryUrl: "https://vendor-a.example/security/VA-2026-01",
    contact: "psirt@vendor-a.example",
  });
  await cases.addCountermeasure(people.vendorA, ids.caseId, {
    type: "fix",
    description: "Update the firmware to 1.0.4.",
    fixedVersions: ["1.0.4"],
    url: "https://vendor-a.example/download/1.0.4",
  });
  await cases.reportStatus(people.vendorB, ids.caseId, {
    status: "not_affected",
    statement: "Vendor B products do not use the affected console.",
  });
  await cases.reviseSchedule(people.coordinator, ids.caseId, {
    publishAt: options.publishAt,
    reason: "agreed with the vendors",
  });
  await advisories.saveDraft(people.coordinator, ids.caseId, draftFor(cast, options.draft));
  await advisories.approve(people.coordinator, ids.caseId);
  return ids;
}

/** The instant `days` days after the runtime's clock, as an ISO string. */
export function inDays(runtime: TestRuntime, days: number): string {
  return new Date(runtime.clock.now().getTime() + days * DAY).toISOString();
}

/** Moves the clock to the instant and runs every job due by then (as `jobs run-due --at`). */
export async function runDueAt(runtime: TestRuntime, at: string): Promise<void> {
  runtime.clock.set(new Date(at));
  await runtime.jobRunner.runDue();
}

/**
 * An `approvedCase` published by its schedule: the clock moved to `publishAt` (by default five
 * days ahead) and the due jobs run. Throws when no advisory came out.
 */
export async function publishedCase(
  runtime: TestRuntime,
  cast: Cast,
  people: AdvisoryPeople,
  options: { publishAt?: string; text?: ReportText; draft?: Partial<AdvisoryDraftInput> } = {},
): Promise<{ reportId: string; caseId: string; advisoryId: string; publishAt: string }> {
  const publishAt = options.publishAt ?? inDays(runtime, 5);
  const ids = await approvedCase(runtime, cast, people, { ...options, publishAt });
  await runDueAt(runtime, publishAt);
  const advisoryId = await runtime.services.advisories.advisoryIdOfCase(ids.caseId);
  if (!advisoryId) throw new Error("the advisory was not published");
  return { ...ids, advisoryId, publishAt };
}
