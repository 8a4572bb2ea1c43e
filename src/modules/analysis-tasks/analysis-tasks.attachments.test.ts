import { describe, expect, it } from "vitest";
import { createTestUser, signIn } from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";

/**
 * The report's files on an analysis task (R-ANA-1): its analyst sees their names and downloads
 * them through the task while it is open, each download audited as the report page's are; another
 * analyst, the desk through the task, and the analyst after completion get 404.
 */
const FILE_TEXT = "GET /admin/devices?name=<script>ana()</script> 200\n";
const HTML = { accept: "text/html" };

describe.each(testDatabaseTargets())("analysis task attachments on $name", (target) => {
  const bed = advisoryTestbed(target);
  const users = () => bed.cast.users;

  /** A finder's report with a file, accepted and forwarded: the ids of report, case and file. */
  async function caseWithFile() {
    const { reports, attachments } = bed.runtime.services;
    const { id: reportId } = await reports.submit(bed.people.finder, {
      kind: "product",
      title: "XSS in Router A100 device list",
      productName: "Router A100",
      productVersion: "1.0.3",
      description: "Stored XSS in the device name field.",
      reproduction: "Add a device named <script> and open the list.",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    const [file] = await attachments.upload(bed.people.finder, reportId, {
      class: "verification_method",
      files: [{ name: "access-ログ.txt", bytes: Buffer.from(FILE_TEXT) }],
    });
    await reports.accept(bed.people.desk, reportId);
    const { caseId } = await reports.forward(bed.people.desk, reportId, {});
    if (!caseId || !file) throw new Error("no case or no file");
    return { reportId, caseId: caseId, fileId: file.id };
  }

  async function taskOn(caseId: string, assigneeId = users().analyst.userId) {
    return okJson(
      await bed.call(users().intakeMember, "POST", `/api/v1/cases/${caseId}/analysis-tasks`, {
        kind: "reproduce",
        assigneeId,
        due: bed.inDays(5),
      }),
      201,
    ).id as string;
  }

  const downloads = (reportId: string) =>
    bed.runtime.database.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "details"])
      .where("type", "=", "report.attachment_downloaded")
      .where("subject_id", "=", reportId)
      .orderBy("seq")
      .execute();

  it("lists the case's report's files on the task for its analyst, who downloads them, audited", async () => {
    const { reportId, caseId, fileId } = await caseWithFile();
    const taskId = await taskOn(caseId);
    const analyst = users().analyst;

    const task = okJson(await bed.call(analyst, "GET", `/api/v1/analysis-tasks/${taskId}`));
    expect(task.attachments).toEqual([
      expect.objectContaining({
        id: fileId,
        name: "access-ログ.txt",
        class: "verification_method",
      }),
    ]);
    const url = `/api/v1/analysis-tasks/${taskId}/attachments/${fileId}`;
    const file = await bed.call(analyst, "GET", url);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe(FILE_TEXT);
    expect(file.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "content-disposition": expect.stringContaining(
        "filename*=UTF-8''access-%E3%83%AD%E3%82%B0.txt",
      ),
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    const audited = await downloads(reportId);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor_user_id).toBe(analyst.userId);
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({ taskId, attachmentId: fileId });

    // The task's page names the file and links the download.
    const page = await (await signIn(bed.app, bed.runtime, analyst)).inject({
      method: "GET",
      url: `/analysis-tasks/${taskId}`,
      headers: HTML,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("access-ログ.txt");
    expect(page.body).toContain(`href="${url}"`);
    // The report's own page stays closed to the analyst's download.
    expect(
      (await bed.call(analyst, "GET", `/api/v1/reports/${reportId}/attachments/${fileId}`))
        .statusCode,
    ).not.toBe(200);
  });

  it("answers 404 to another analyst, to the desk through the task, for another report's file, and after completion", async () => {
    const { reportId, caseId, fileId } = await caseWithFile();
    const other = await caseWithFile();
    const taskId = await taskOn(caseId);
    const analyst = users().analyst;
    const otherAnalyst = await createTestUser(bed.runtime, {
      email: "analyst-files@intake.example",
      organizationId: bed.cast.organizations.intake,
      role: "analyst",
    });
    const url = `/api/v1/analysis-tasks/${taskId}/attachments/${fileId}`;
    for (const user of [otherAnalyst, users().intakeMember, users().finder, users().vendorAAdmin]) {
      const response = await bed.call(user, "GET", url);
      expect(response.statusCode, user.email).toBe(404);
      expect(response.body).not.toContain(FILE_TEXT);
    }
    // Another report's file is not reachable through this task.
    expect(
      (
        await bed.call(
          analyst,
          "GET",
          `/api/v1/analysis-tasks/${taskId}/attachments/${other.fileId}`,
        )
      ).statusCode,
    ).toBe(404);

    okJson(
      await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${taskId}/findings`, {
        body: "Reproduced with the attached log.",
        shareWithVendors: false,
      }),
      201,
    );
    okJson(await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${taskId}/complete`));
    const after = await bed.call(analyst, "GET", url);
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain(FILE_TEXT);
    expect(
      okJson(await bed.call(analyst, "GET", `/api/v1/analysis-tasks/${taskId}`)).attachments,
    ).toBeNull();
    // None of the refusals read the file, so none is audited as a download.
    expect(await downloads(reportId)).toEqual([]);
  });
});
