import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, deliveredMail, type TestUser } from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { readCopyCodes, withoutMarks } from "./copy-marks.ts";

const PREPARATION =
  "Publication in 5 days: keep staff ready to deploy firmware 1.0.4 on substation routers. 公表は5日後です。";

describe.each(testDatabaseTargets())("priority provision through the API on $name", (target) => {
  const bed = advisoryTestbed(target);
  let electricity: string;
  let electricityAdmin: TestUser;
  let electricityMember: TestUser;
  let telecomAdmin: TestUser;
  let outsiderAdmin: TestUser;
  let desk: TestUser;
  let coordinator: TestUser;
  let vendorA: TestUser;

  beforeAll(async () => {
    const { runtime, cast } = bed;
    const intake = await cast.actorOf(cast.users.intakeMember);
    const make = async (name: string, sector: "electricity" | "telecom" | "gas", slug: string) => {
      const { id } = await runtime.services.organizations.create(intake, {
        type: "priority_recipient",
        name,
        contactEmail: `soc@${slug}.example`,
        sector,
      });
      const admin = await createTestUser(runtime, {
        email: `admin@${slug}.example`,
        name: `${name} Admin`,
        organizationId: id,
        role: "admin",
      });
      return { id, admin };
    };
    const power = await make("Grid Power Co", "electricity", "grid-power");
    electricity = power.id;
    electricityAdmin = power.admin;
    electricityMember = await createTestUser(runtime, {
      email: "analyst@grid-power.example",
      organizationId: electricity,
      role: "member",
    });
    telecomAdmin = (await createTestUser(runtime, {
      email: "admin@isac.example",
      organizationId: cast.organizations.priorityRecipient,
      role: "admin",
    })) as TestUser;
    outsiderAdmin = (await make("City Gas", "gas", "city-gas")).admin;
    desk = cast.users.intakeMember;
    coordinator = cast.users.coordinatorMember;
    vendorA = cast.users.vendorAAdmin;
    const coordinatorActor = await cast.actorOf(coordinator);
    const { version } = { version: "PRI-2026" };
    await runtime.services.nda.publish(coordinatorActor, {
      version,
      bodyJa: "受領者は提供された情報を秘密として保持する。",
      bodyEn: "The recipient keeps the information provided secret.",
    });
    for (const user of [electricityAdmin, telecomAdmin, outsiderAdmin]) {
      okJson(
        await bed.call(user, "POST", `/api/v1/organizations/${user.organizationId}/nda/accept`, {
          version,
        }),
      );
    }
  }, 120_000);

  async function startedProvision(sectors = ["electricity", "telecom"]) {
    const { caseId, reportId } = await bed.approvedCase({ publishAt: bed.inDays(10) });
    const started = okJson(
      await bed.call(desk, "POST", `/api/v1/cases/${caseId}/priority-provisions`, {
        reason: "Substation routers run this firmware.",
        sectors,
        recipientOrganizationIds: [electricity, bed.cast.organizations.priorityRecipient],
      }),
      201,
    );
    expect(started.status).toBe("consulting");
    return { caseId, reportId, pid: started.id as string };
  }

  it("refuses to start for a case without a countermeasure (409) and recipients outside the chosen sectors (422)", async () => {
    const { caseId } = await bed.forwardedCase();
    const refused = await bed.call(desk, "POST", `/api/v1/cases/${caseId}/priority-provisions`, {
      reason: "Serious",
      sectors: ["electricity"],
      recipientOrganizationIds: [electricity],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("transition_not_allowed");
    const { caseId: ready } = await bed.approvedCase({ publishAt: bed.inDays(10) });
    const wrongSector = await bed.call(desk, "POST", `/api/v1/cases/${ready}/priority-provisions`, {
      reason: "Serious",
      sectors: ["electricity"],
      recipientOrganizationIds: [bed.cast.organizations.priorityRecipient],
    });
    expect(wrongSector.statusCode).toBe(422);
    const notRecipient = await bed.call(
      desk,
      "POST",
      `/api/v1/cases/${ready}/priority-provisions`,
      {
        reason: "Serious",
        sectors: ["electricity"],
        recipientOrganizationIds: [bed.cast.organizations.vendorA],
      },
    );
    expect(notRecipient.statusCode).toBe(422);
  });

  it("sends nothing before every agreement and the finder's notice are recorded, then delivers marked copies only to assigned members of the chosen recipients, until publication", async () => {
    const { caseId, reportId, pid } = await startedProvision();
    const pkg = okJson(
      await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/packages`, {
        kind: "preparation_request",
        title: "Prepare for firmware 1.0.4",
        body: PREPARATION,
      }),
      201,
    );
    const tooEarly = await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`);
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().code).toBe("transition_not_allowed");
    okJson(
      await bed.call(coordinator, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
        decision: "agree",
      }),
    );
    expect(
      (await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`)).statusCode,
    ).toBe(409);
    const agreed = okJson(
      await bed.call(vendorA, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
        decision: "agree",
      }),
    );
    expect(agreed.status).toBe("consulting");
    // Once each.
    const again = await bed.call(vendorA, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
      decision: "agree",
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`)).statusCode,
    ).toBe(409);
    const noticed = okJson(
      await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/finder-notice`),
    );
    expect(noticed.status).toBe("ready");
    const sent = okJson(await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`));
    expect(sent.status).toBe("sent");
    expect(sent.deliveries).toHaveLength(2);

    // Every step is told by mail, a notice to sign in that never carries the package.
    const recipientMail = await deliveredMail(bed.runtime, "soc@grid-power.example");
    expect(recipientMail.map((m) => m.text).join("\n")).toContain("/priority-packages");
    const finderMail = await deliveredMail(bed.runtime, bed.cast.users.finder.email);
    expect(finderMail.some((m) => m.text.includes("infrastructure operators"))).toBe(true);
    for (const mail of await deliveredMail(bed.runtime)) {
      expect(mail.text).not.toContain("substation routers");
      expect(mail.text).not.toContain("Substation routers run this firmware");
    }

    // The chosen recipient's admin reads its marked copy; the read is logged.
    const list = okJson(await bed.call(electricityAdmin, "GET", "/api/v1/priority-packages"));
    expect(list.items.map((i: { id: string }) => i.id)).toContain(pkg.id);
    const copy = okJson(
      await bed.call(electricityAdmin, "GET", `/api/v1/priority-packages/${pkg.id}`),
    );
    expect(withoutMarks(copy.body)).toBe(PREPARATION);
    expect(copy.recipientLine).toContain("Grid Power Co");
    expect(copy.recipientLine).toContain(copy.copyCode);
    const fragment = [...copy.body].slice(30, 110).join("");
    const traced = okJson(
      await bed.call(desk, "POST", "/api/v1/priority-copies/trace", { text: fragment }),
    );
    expect(traced.matches).toEqual([
      expect.objectContaining({
        copyCode: copy.copyCode,
        organization: expect.objectContaining({ id: electricity, name: "Grid Power Co" }),
        provisionId: pid,
        caseId,
      }),
    ]);
    const telecomCopy = okJson(
      await bed.call(telecomAdmin, "GET", `/api/v1/priority-packages/${pkg.id}`),
    );
    expect(readCopyCodes(telecomCopy.body)).toEqual([telecomCopy.copyCode]);
    expect(telecomCopy.copyCode).not.toBe(copy.copyCode);
    const view = okJson(await bed.call(desk, "GET", `/api/v1/priority-provisions/${pid}`));
    const delivery = view.deliveries.find(
      (d: { copyCode: string }) => d.copyCode === copy.copyCode,
    );
    expect(delivery.reads.map((r: { userId: string }) => r.userId)).toEqual([
      electricityAdmin.userId,
    ]);

    // An unassigned member, a recipient not chosen and anyone else: 404.
    for (const user of [electricityMember, outsiderAdmin, vendorA, bed.cast.users.finder]) {
      expect((await bed.call(user, "GET", `/api/v1/priority-packages/${pkg.id}`)).statusCode).toBe(
        404,
      );
    }
    okJson(
      await bed.call(electricityAdmin, "PUT", `/api/v1/priority-packages/${pkg.id}/members`, {
        userIds: [electricityMember.userId],
      }),
    );
    okJson(await bed.call(electricityMember, "GET", `/api/v1/priority-packages/${pkg.id}`));
    // The member assigned hears of it (a notice to sign in, with the delivery's reference).
    const assignedMail = await deliveredMail(bed.runtime, electricityMember.email);
    expect(assignedMail.some((m) => m.text.includes(`/priority-packages/${pkg.id}`))).toBe(true);
    const [summary] = okJson(
      await bed.call(electricityMember, "GET", "/api/v1/priority-packages"),
    ).items;
    expect(summary.reference).toMatch(/^PP-[0-9A-Z]{8}$/);
    expect(recipientMail.some((m) => m.subject.includes(summary.reference))).toBe(true);
    expect(summary.caseTitle).not.toBe("");
    expect(summary.plannedPublicationAt).not.toBeNull();
    // A fragment too short to carry a whole mark is said to be one.
    const short = okJson(
      await bed.call(desk, "POST", "/api/v1/priority-copies/trace", {
        text: [...copy.body].slice(3, 20).join(""),
      }),
    );
    expect(short).toMatchObject({ matches: [], partialMark: true });

    // Before publication the finder sees nothing of it; at publication access ends.
    const finderBefore = okJson(
      await bed.call(bed.cast.users.finder, "GET", `/api/v1/cases/${caseId}/priority-provisions`),
    );
    expect(finderBefore.items).toEqual([]);
    await bed.runDueAt(bed.inDays(10));
    for (const user of [electricityAdmin, electricityMember, telecomAdmin]) {
      expect((await bed.call(user, "GET", `/api/v1/priority-packages/${pkg.id}`)).statusCode).toBe(
        404,
      );
    }
    const ended = okJson(await bed.call(desk, "GET", `/api/v1/priority-provisions/${pid}`));
    expect(ended.status).toBe("ended");
    for (const user of [bed.cast.users.finder, vendorA]) {
      const after = okJson(
        await bed.call(user, "GET", `/api/v1/cases/${caseId}/priority-provisions`),
      );
      expect(after.items).toEqual([{ sentAt: sent.sentAt, sectors: ["electricity", "telecom"] }]);
    }
    expect(reportId).toBeTruthy();
  }, 120_000);

  it("stops for good at an objection, and a revoked delivery is no longer readable", async () => {
    const { pid, caseId } = await startedProvision();
    const objection = await bed.call(
      vendorA,
      "POST",
      `/api/v1/priority-provisions/${pid}/agreements`,
      {
        decision: "object",
      },
    );
    expect(objection.statusCode).toBe(422);
    const stopped = okJson(
      await bed.call(vendorA, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
        decision: "object",
        reason: "Our fix is not ready for operators.",
      }),
    );
    expect(stopped.status).toBe("stopped");
    expect(
      (
        await bed.call(coordinator, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
          decision: "agree",
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`)).statusCode,
    ).toBe(409);

    // A stopped provision leaves room for a new one; two open at once are refused.
    const restart = {
      reason: "Asked again",
      sectors: ["electricity"],
      recipientOrganizationIds: [electricity],
    };
    const startUrl = `/api/v1/cases/${caseId}/priority-provisions`;
    expect((await bed.call(desk, "POST", startUrl, restart)).statusCode).toBe(201);
    const twice = await bed.call(desk, "POST", startUrl, restart);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("priority_provision_open");

    const second = await startedProvision(["electricity", "telecom"]);
    const pkg = okJson(
      await bed.call(desk, "POST", `/api/v1/priority-provisions/${second.pid}/packages`, {
        kind: "summary",
        title: "Summary",
        body: "Stored XSS in the admin console.",
      }),
      201,
    );
    okJson(
      await bed.call(coordinator, "POST", `/api/v1/priority-provisions/${second.pid}/agreements`, {
        decision: "agree",
      }),
    );
    okJson(
      await bed.call(vendorA, "POST", `/api/v1/priority-provisions/${second.pid}/agreements`, {
        decision: "agree",
      }),
    );
    okJson(await bed.call(desk, "POST", `/api/v1/priority-provisions/${second.pid}/finder-notice`));
    okJson(await bed.call(desk, "POST", `/api/v1/priority-provisions/${second.pid}/send`));
    okJson(await bed.call(electricityAdmin, "GET", `/api/v1/priority-packages/${pkg.id}`));
    const revoked = okJson(
      await bed.call(desk, "POST", `/api/v1/priority-provisions/${second.pid}/revoke`, {}),
    );
    expect(revoked.status).toBe("ended");
    expect(
      (await bed.call(electricityAdmin, "GET", `/api/v1/priority-packages/${pkg.id}`)).statusCode,
    ).toBe(404);
  }, 120_000);

  it("refuses a package whose upload held more files than allowed, and keeps a file's name without its direction overrides", async () => {
    const { pid } = await startedProvision();
    const deskActor = await bed.cast.actorOf(desk);
    const { priority } = bed.runtime.services;
    const body = { kind: "beta_patch" as const, title: "Beta", body: "Apply it." };
    await expect(
      priority.addPackage(deskActor, pid, body, { files: [], tooManyFiles: true }),
    ).rejects.toMatchObject({ status: 422 });
    const { id } = await priority.addPackage(deskActor, pid, body, {
      files: [{ name: "../patch\u202egpj.exe", bytes: Buffer.from("beta\n") }],
    });
    const view = okJson(await bed.call(desk, "GET", `/api/v1/priority-provisions/${pid}`));
    expect(JSON.stringify(view)).toContain("patchgpj.exe");
    expect(JSON.stringify(view)).not.toContain("\u202e");
    expect(id).toBeTruthy();
  }, 120_000);
});
