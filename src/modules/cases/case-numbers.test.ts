import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast, signIn, type TestUser } from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { openDatabase } from "../../platform/db/database.ts";
import { migrateTo, migrateToLatest } from "../../platform/db/migrate.ts";

const CASE_NUMBER = /^C-(\d{4})-(\d{6})$/;

const report = {
  kind: "product",
  title: "Path traversal in Camera C200 firmware upload",
  productName: "Camera C200",
  productVersion: "2.1",
  description: "A crafted file name writes outside the upload directory",
  reproduction: "Upload a file named ../../etc/passwd",
  consent: {
    identityToCoordinator: true,
    identityToVendor: false,
    directContact: false,
    credit: null,
  },
};

describe.each(testDatabaseTargets())("human case numbers on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  const call = (user: TestUser, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };

  async function forwardedCase(): Promise<{ reportId: string; caseId: string }> {
    const filed = ok(await call(cast.users.finder, "POST", "/api/v1/reports", report), 201);
    const desk = cast.users.intakeMember;
    ok(await call(desk, "POST", `/api/v1/reports/${filed.id}/accept`));
    const forwarded = ok(await call(desk, "POST", `/api/v1/reports/${filed.id}/forward`, {}));
    return { reportId: filed.id, caseId: forwarded.caseId };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it("numbers each new case C-<year>-<six digits>, one after the other, in its view, the list and its report", async () => {
    const first = await forwardedCase();
    const second = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    const firstNumber = ok(
      await call(coordinator, "GET", `/api/v1/cases/${first.caseId}`),
    ).caseNumber;
    const secondNumber = ok(
      await call(coordinator, "GET", `/api/v1/cases/${second.caseId}`),
    ).caseNumber;
    const [, year, firstSequence] = CASE_NUMBER.exec(firstNumber) ?? [];
    const [, secondYear, secondSequence] = CASE_NUMBER.exec(secondNumber) ?? [];
    expect(year).toBe(
      new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(
        runtime.clock.now(),
      ),
    );
    expect(secondYear).toBe(year);
    expect(Number(secondSequence)).toBe(Number(firstSequence) + 1);

    const list = ok(await call(coordinator, "GET", "/api/v1/cases"));
    const listed = list.items.find((item: { id: string }) => item.id === first.caseId);
    expect(listed.caseNumber).toBe(firstNumber);

    // The finder and the desk read the case's number on the report, not its UUID.
    for (const user of [cast.users.finder, cast.users.intakeMember]) {
      const seen = ok(await call(user, "GET", `/api/v1/reports/${first.reportId}`));
      expect(seen.caseNumber).toBe(firstNumber);
    }
  });

  it("shows the number on the case page, the case list and the desk's report page, which links to the case", async () => {
    const { reportId, caseId } = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    const { caseNumber } = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`));
    const coordinatorPages = await signIn(app, runtime, coordinator);
    const casePage = await coordinatorPages.inject({ method: "GET", url: `/cases/${caseId}` });
    expect(casePage.body).toMatch(new RegExp(`id="case-number"[^>]*>${caseNumber}<`));
    const listPage = await coordinatorPages.inject({ method: "GET", url: "/cases" });
    expect(listPage.body).toContain(caseNumber);

    const deskPages = await signIn(app, runtime, cast.users.intakeMember);
    const reportPage = await deskPages.inject({ method: "GET", url: `/reports/${reportId}` });
    expect(reportPage.body).toContain(`href="/cases/${caseId}">${caseNumber}</a>`);
    const finderPages = await signIn(app, runtime, cast.users.finder);
    const finderPage = await finderPages.inject({ method: "GET", url: `/reports/${reportId}` });
    expect(finderPage.body).toContain(caseNumber);
    expect(finderPage.body).not.toContain(`href="/cases/${caseId}"`);
    // The report belongs to "My reports", which the navigation marks as the current section.
    expect(finderPage.body).toContain('href="/reports" aria-current="true"');
  });

  it("names a case and a report by their numbers in the audit log, which finds their entries by number too", async () => {
    const { reportId, caseId } = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/assign`, {
        userId: coordinator.userId,
      }),
    );
    const { caseNumber } = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`));
    const auditor = cast.users.coordinatorAdmin;
    const byNumber = ok(
      await call(auditor, "GET", `/api/v1/audit?subjectId=${encodeURIComponent(caseNumber)}`),
    );
    expect(byNumber.items.length).toBeGreaterThan(0);
    for (const entry of byNumber.items) {
      expect(entry).toMatchObject({
        subjectType: "case",
        subjectId: caseId,
        subjectNumber: caseNumber,
      });
    }
    const byId = ok(await call(auditor, "GET", `/api/v1/audit?subjectId=${caseId}`));
    expect(byId.items.map((entry: { seq: number }) => entry.seq)).toEqual(
      byNumber.items.map((entry: { seq: number }) => entry.seq),
    );
    const { receiptNumber } = ok(
      await call(cast.users.finder, "GET", `/api/v1/reports/${reportId}`),
    );
    const reportEntries = ok(
      await call(cast.users.intakeAdmin, "GET", `/api/v1/audit?subjectId=${receiptNumber}`),
    );
    expect(reportEntries.items.length).toBeGreaterThan(0);
    for (const entry of reportEntries.items) {
      expect(entry).toMatchObject({ subjectId: reportId, subjectNumber: receiptNumber });
    }
  });

  it("keeps a case's number through its later changes", async () => {
    const { caseId } = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    const before = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).caseNumber;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
        organizationId: cast.organizations.vendorA,
      }),
      201,
    );
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/assign`, {
        userId: coordinator.userId,
      }),
    );
    const after = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).caseNumber;
    expect(after).toBe(before);
  });

  it("numbers the cases opened before the migration per Tokyo year in the order they were opened, and new cases continue after them", async () => {
    const created = await target.create();
    const handle = openDatabase(created.config);
    try {
      await migrateTo(handle.db, "0018_advisory_search");
      // 2025-12-31T16:00Z is already 2026 in Tokyo.
      const older = [
        { id: "case-b", opened_at: "2025-12-31T16:00:00.000Z" },
        { id: "case-a", opened_at: "2025-06-01T00:00:00.000Z" },
        { id: "case-c", opened_at: "2026-02-01T00:00:00.000Z" },
      ];
      for (const row of older) {
        await sql`insert into cases (id, source, title, status, share_with_intake, opened_at, updated_at)
          values (${row.id}, 'report', 'Older case', 'triage', 1, ${row.opened_at}, ${row.opened_at})`.execute(
          handle.db,
        );
      }
      await migrateToLatest(handle.db);
      const numbered = await handle.db
        .selectFrom("cases")
        .select(["id", "case_number"])
        .orderBy("id")
        .execute();
      expect(numbered).toEqual([
        { id: "case-a", case_number: "C-2025-000001" },
        { id: "case-b", case_number: "C-2026-000001" },
        { id: "case-c", case_number: "C-2026-000002" },
      ]);
      const counter = await handle.db
        .selectFrom("counters")
        .select("value")
        .where("name", "=", "case:2026")
        .executeTakeFirstOrThrow();
      expect(counter.value).toBe(2);
    } finally {
      await handle.destroy();
      await created.drop();
    }
  });
});
