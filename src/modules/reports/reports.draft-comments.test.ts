import { describe, expect, it } from "vitest";
import { signIn, type TestUser } from "../../../test/support/actors.ts";
import { draftFor } from "../../../test/support/advisories.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { en } from "../../platform/i18n/en.ts";

/**
 * Issue 13 point 10: the finder reads the public parts of the case's draft advisory on their
 * report and comments on it; the desk relays comments to the coordinator and the coordinator's
 * messages to the finder. Unique markers sit in everything the finder must not see — vendors'
 * statements, countermeasures and contacts not yet public, the case's messages, the other
 * vendor's data — and in the coordinator's message before the desk relays it.
 */
const MARKERS = {
  statementA: "ZQXvendorAStatement",
  statementB: "ZQXvendorBStatement",
  countermeasure: "ZQXcountermeasureText",
  contact: "zqxcontact@vendor-a.example",
  advisoryUrl: "https://vendor-a.example/ZQXvendorAdvisory",
  vendorMessage: "ZQXvendorToCoordinator",
  coordinatorToVendor: "ZQXcoordinatorToVendor",
  coordinatorToDesk: "ZQXcoordinatorToDesk",
} as const;

const HTML = { accept: "text/html" };

describe.each(testDatabaseTargets())("the finder's comments on the draft, on $name", (target) => {
  const bed = advisoryTestbed(target);
  /** A page as the user sees it now (signed in afresh: another test may have moved the clock). */
  async function pageAs(user: TestUser, url: string) {
    const session = await signIn(bed.app, bed.runtime, user);
    return session.inject({ method: "GET", url, headers: HTML });
  }

  /** A forwarded case with both vendors' private answers and a saved (not approved) draft. */
  async function caseWithDraft(options: { draft?: boolean } = {}) {
    const { cases, advisories, reports } = bed.runtime.services;
    const { people, cast } = bed;
    const ids = await bed.forwardedCase();
    await cases.assign(people.coordinator, ids.caseId, { userId: people.coordinator.userId });
    await reports.assign(people.desk, ids.reportId, { userId: people.desk.userId });
    await bed.notifyVendors(ids.caseId);
    await cases.reportStatus(people.vendorA, ids.caseId, {
      status: "affected",
      statement: `Affected ${MARKERS.statementA}`,
    });
    await cases.setStatement(people.vendorA, ids.caseId, {
      text: `Statement ${MARKERS.statementA}`,
      advisoryUrl: MARKERS.advisoryUrl,
      contact: MARKERS.contact,
    });
    await cases.addCountermeasure(people.vendorA, ids.caseId, {
      type: "fix",
      description: `Update ${MARKERS.countermeasure}`,
      fixedVersions: ["1.0.4"],
    });
    await cases.reportStatus(people.vendorB, ids.caseId, {
      status: "not_affected",
      statement: `Not us ${MARKERS.statementB}`,
    });
    await cases.postMessage(people.vendorA, ids.caseId, { body: MARKERS.vendorMessage });
    await cases.postMessage(people.coordinator, ids.caseId, {
      body: MARKERS.coordinatorToVendor,
      to: cast.organizations.vendorA,
    });
    await cases.postMessage(people.coordinator, ids.caseId, {
      body: MARKERS.coordinatorToDesk,
      to: "intake",
    });
    const publishAt = bed.inDays(30);
    await cases.reviseSchedule(people.coordinator, ids.caseId, {
      publishAt,
      reason: "agreed with the vendors",
    });
    if (options.draft !== false)
      await advisories.saveDraft(people.coordinator, ids.caseId, draftFor(cast));
    return { ...ids, publishAt };
  }

  const draftOf = (reportId: string) =>
    bed.call(bed.cast.users.finder, "GET", `/api/v1/reports/${reportId}/draft-advisory`);

  it("shows the finder the draft's public parts and none of the vendors' private content", async () => {
    const { reportId, publishAt } = await caseWithDraft();
    const answer = await draftOf(reportId);
    const status = okJson(answer);
    const draft = draftFor(bed.cast);
    expect(status.stage).toBe("draft");
    expect(status.draft.title).toBe(draft.title);
    expect(status.draft.impact).toBe(draft.impact);
    expect(status.draft.acknowledgement).toBe("Finder One");
    expect(status.draft.plannedPublishAt).toBe(publishAt);
    expect(status.draft.cwe).toBe("CWE-79");
    expect(status.draft.cvss.v3.vector).toBe(draft.cvssV3);
    expect(status.draft.affected).toEqual([
      expect.objectContaining({ product: "Router A100", versions: ["1.0.3 and earlier"] }),
    ]);
    expect(Object.keys(status.draft)).not.toContain("vendors");

    const page = await pageAs(bed.cast.users.finder, `/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="draft-review"');
    expect(page.body).toContain(en["draftReview.confidential"]);
    expect(page.body).toContain(en["advisories.detail.credit"].replace("{credit}", "Finder One"));
    expect(page.body).toContain("Router A100");
    for (const marker of Object.values(MARKERS)) {
      expect(answer.body).not.toContain(marker);
      expect(page.body).not.toContain(marker);
    }
  });

  it("answers 404 to another finder and to a vendor, for the draft and for the comments", async () => {
    const { reportId } = await caseWithDraft();
    for (const user of [bed.cast.users.otherFinder, bed.cast.users.vendorAAdmin]) {
      for (const path of ["draft-advisory", "draft-comments"]) {
        const answer = await bed.call(user, "GET", `/api/v1/reports/${reportId}/${path}`);
        expect(answer.statusCode).toBe(404);
      }
    }
    const comment = await bed.call(
      bed.cast.users.otherFinder,
      "POST",
      `/api/v1/reports/${reportId}/draft-comments`,
      { part: "credit", body: "Not my report." },
    );
    expect(comment.statusCode).toBe(404);
  });

  it("shows no draft section before the coordinator writes one, and refuses a comment", async () => {
    const { reportId } = await caseWithDraft({ draft: false });
    expect(okJson(await draftOf(reportId))).toEqual({
      stage: "none",
      advisoryId: null,
      draft: null,
    });
    const page = await pageAs(bed.cast.users.finder, `/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="draft-review"');
    const comment = await bed.call(
      bed.cast.users.finder,
      "POST",
      `/api/v1/reports/${reportId}/draft-comments`,
      { part: "accuracy", body: "Too early." },
    );
    expect(comment.statusCode).toBe(409);
    expect(comment.json().code).toBe("no_draft_to_comment");
  });

  it("lets the finder change their credit on the draft's page; the draft and the coordinator's case follow, and after publication it is fixed", async () => {
    const { reportId, caseId } = await caseWithDraft();
    const session = await signIn(bed.app, bed.runtime, bed.cast.users.finder);
    const page = await session.inject({
      method: "GET",
      url: `/reports/${reportId}`,
      headers: HTML,
    });
    expect(page.body).toContain(`action="/reports/${reportId}/credit"`);
    const changed = await session.inject({
      method: "POST",
      url: `/reports/${reportId}/credit`,
      payload: { credit: "Hashi Lab (橋研究所)" },
    });
    expect(changed.statusCode, changed.body).toBe(303);
    expect(okJson(await draftOf(reportId)).draft.acknowledgement).toBe("Hashi Lab (橋研究所)");
    const seen = okJson(
      await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
    );
    expect(seen.credit).toBe("Hashi Lab (橋研究所)");
    // An empty credit: not credited.
    okJson(
      await bed.call(bed.cast.users.finder, "POST", `/api/v1/reports/${reportId}/credit`, {
        credit: null,
      }),
    );
    expect(okJson(await draftOf(reportId)).draft.acknowledgement).toBeNull();
    // Another finder cannot.
    const other = await bed.call(
      bed.cast.users.intakeMember,
      "POST",
      `/api/v1/reports/${reportId}/credit`,
      {
        credit: "Not me",
      },
    );
    expect(other.statusCode).toBe(403);
  });

  it("asks the finder at the top of the report page to review the draft while it awaits publication", async () => {
    const { reportId } = await caseWithDraft();
    const page = await pageAs(bed.cast.users.finder, `/reports/${reportId}`);
    const box = page.body.indexOf('id="report-draft-ready"');
    expect(box).toBeGreaterThan(-1);
    expect(box).toBeLessThan(page.body.indexOf('id="report-summary"'));
    expect(page.body).toContain(en["reports.pending.draftReady.title"]);
    expect(page.body).toContain('href="#draft-review"');
    // The desk reads the draft too, but the request is the finder's.
    const desk = await pageAs(bed.cast.users.intakeMember, `/reports/${reportId}`);
    expect(desk.body).toContain('id="draft-review"');
    expect(desk.body).not.toContain('id="report-draft-ready"');
  });

  it("replaces the draft with the published advisory's link after publication", async () => {
    const { reportId, advisoryId } = await bed.publishedCase();
    const status = okJson(await draftOf(reportId));
    expect(status).toEqual({ stage: "published", advisoryId, draft: null });
    const page = await pageAs(bed.cast.users.finder, `/reports/${reportId}`);
    expect(page.body).not.toContain('id="report-draft-ready"');
    expect(page.body).toContain(`href="/advisories/${encodeURIComponent(advisoryId)}"`);
    expect(page.body).not.toContain(en["draftReview.confidential"]);
    expect(page.body).not.toContain(`action="/reports/${reportId}/draft-comments"`);
  });

  it("takes the finder's comment to the desk, and to the coordinator only as the desk relays it", async () => {
    const { reportId, caseId } = await caseWithDraft();
    const { users } = bed.cast;
    const original = "Please credit me as Finder One of Example Lab, ZQXfinderOriginal.";
    const filed = await bed.call(
      users.finder,
      "POST",
      `/api/v1/reports/${reportId}/draft-comments`,
      {
        part: "credit",
        body: original,
      },
    );
    const { id } = okJson(filed, 201);

    const desk = okJson(
      await bed.call(users.intakeMember, "GET", `/api/v1/reports/${reportId}/draft-comments`),
    );
    expect(desk.items).toEqual([
      expect.objectContaining({ id, part: "credit", body: original, relayedAt: null }),
    ]);
    const before = okJson(
      await bed.call(users.coordinatorMember, "GET", `/api/v1/cases/${caseId}/finder-comments`),
    );
    expect(before.items).toEqual([]);

    // An unassigned desk member may not read it, so may not relay it.
    const unassigned = await bed.call(
      users.analyst,
      "POST",
      `/api/v1/reports/${reportId}/draft-comments/${id}/relay`,
      {},
    );
    expect(unassigned.statusCode).toBe(403);

    const edited = "The finder asks to be credited as Finder One (Example Lab).";
    okJson(
      await bed.call(
        users.intakeMember,
        "POST",
        `/api/v1/reports/${reportId}/draft-comments/${id}/relay`,
        {
          body: edited,
        },
      ),
    );
    const again = await bed.call(
      users.intakeMember,
      "POST",
      `/api/v1/reports/${reportId}/draft-comments/${id}/relay`,
      {},
    );
    expect(again.statusCode).toBe(409);

    const after = okJson(
      await bed.call(users.coordinatorMember, "GET", `/api/v1/cases/${caseId}/finder-comments`),
    );
    expect(after.items).toEqual([
      expect.objectContaining({
        id,
        direction: "to_coordinator",
        part: "credit",
        relayedBody: edited,
      }),
    ]);
    expect(JSON.stringify(after)).not.toContain("ZQXfinderOriginal");
    const thread = okJson(
      await bed.call(users.coordinatorMember, "GET", `/api/v1/cases/${caseId}/messages`),
    );
    expect(JSON.stringify(thread)).toContain(edited);

    const advisoryPage = await pageAs(
      bed.cast.users.coordinatorMember,
      `/cases/${caseId}/advisory`,
    );
    expect(advisoryPage.statusCode).toBe(200);
    expect(advisoryPage.body).toContain(edited);
    expect(advisoryPage.body).toContain(en["draftReview.coordinator.comments"]);

    // A vendor sees neither the comment nor the relayed message.
    const vendor = await bed.call(
      users.vendorAAdmin,
      "GET",
      `/api/v1/cases/${caseId}/finder-comments`,
    );
    expect(vendor.statusCode).toBe(404);
    const vendorThread = await bed.call(
      users.vendorAAdmin,
      "GET",
      `/api/v1/cases/${caseId}/messages`,
    );
    expect(vendorThread.statusCode).toBe(200);
    expect(vendorThread.body).not.toContain(edited);
    expect(vendorThread.body).not.toContain("ZQXfinderOriginal");

    const own = okJson(
      await bed.call(users.finder, "GET", `/api/v1/reports/${reportId}/draft-comments`),
    );
    expect(own.items).toEqual([expect.objectContaining({ id, body: original })]);
    expect(own.items[0].relayedAt).not.toBeNull();
  });

  it("gives the finder the coordinator's message only once the desk relays it", async () => {
    const { reportId, caseId } = await caseWithDraft();
    const { users } = bed.cast;
    const message = "Could you confirm that 1.0.3 is the last affected version? ZQXforFinder";
    const posted = await bed.call(
      users.coordinatorMember,
      "POST",
      `/api/v1/cases/${caseId}/finder-messages`,
      {
        body: message,
      },
    );
    const { id } = okJson(posted, 201);

    const finderMessages = await bed.call(
      users.finder,
      "GET",
      `/api/v1/reports/${reportId}/messages`,
    );
    expect(finderMessages.body).not.toContain("ZQXforFinder");
    const finderComments = await bed.call(
      users.finder,
      "GET",
      `/api/v1/reports/${reportId}/draft-comments`,
    );
    expect(finderComments.body).not.toContain("ZQXforFinder");
    const finderPageBefore = await pageAs(bed.cast.users.finder, `/reports/${reportId}`);
    expect(finderPageBefore.body).not.toContain("ZQXforFinder");
    const vendorThread = await bed.call(
      users.vendorAAdmin,
      "GET",
      `/api/v1/cases/${caseId}/messages`,
    );
    expect(vendorThread.body).not.toContain("ZQXforFinder");

    const desk = okJson(
      await bed.call(users.intakeMember, "GET", `/api/v1/reports/${reportId}/draft-comments`),
    );
    expect(desk.items).toEqual([
      expect.objectContaining({ id, direction: "to_finder", body: message, relayedAt: null }),
    ]);
    // The desk's case page sends it to the report's page to relay the message, until it does.
    const relayStep = `href="/reports/${reportId}#draft-review"`;
    expect((await pageAs(users.intakeMember, `/cases/${caseId}`)).body).toContain(relayStep);
    okJson(
      await bed.call(
        users.intakeMember,
        "POST",
        `/api/v1/reports/${reportId}/finder-messages/${id}/relay`,
        {},
      ),
    );

    const relayed = okJson(
      await bed.call(users.finder, "GET", `/api/v1/reports/${reportId}/messages`),
    );
    expect(relayed.items).toEqual([expect.objectContaining({ from: "intake", body: message })]);
    const coordinator = okJson(
      await bed.call(users.coordinatorMember, "GET", `/api/v1/cases/${caseId}/finder-comments`),
    );
    expect(coordinator.items).toEqual([
      expect.objectContaining({ id, direction: "to_finder", body: message }),
    ]);
    expect(coordinator.items[0].relayedAt).not.toBeNull();
    expect((await pageAs(users.intakeMember, `/cases/${caseId}`)).body).not.toContain(relayStep);
  });

  it("offers the coordinator the form to write to the finder on the case page", async () => {
    const { caseId } = await caseWithDraft({ draft: false });
    const page = await pageAs(bed.cast.users.coordinatorMember, `/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/cases/${caseId}/finder-messages"`);
    expect(page.body).toContain(en["draftReview.coordinator.heading"]);
  });
});
