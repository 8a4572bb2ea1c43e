import { describe, expect, it } from "vitest";
import { createTestUser } from "../../../test/support/actors.ts";
import { draftFor, englishTranslation } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";

/**
 * R-CLS-1, W-2: a case with a unique marker in every confidential field and file is published;
 * no public output — API list and detail, search, CSAF, CVE, OSV, both feeds, the list and
 * advisory pages in both languages — contains any marker. Only what the advisory states, the
 * published statements and countermeasures, and the chosen credit go out.
 */
const MARKERS = {
  reportTitle: "ZQXreportTitle",
  description: "ZQXreportDescription",
  reproduction: "ZQXreproductionSteps",
  verification: "ZQXverificationMethod",
  attack: "ZQXattackMethodExploit",
  howFound: "ZQXhowFound",
  disclosurePlans: "ZQXdisclosurePlans",
  productName: "ZQXreportProductName",
  vendorName: "ZQXreportVendorName",
  finderName: "ZQXfinderName",
  finderEmail: "zqxfinderemail",
  attachmentName: "ZQXattachmentName",
  attachmentContent: "ZQXattachmentContent",
  reportMessage: "ZQXreportMessage",
  consultationScope: "ZQXconsultationScope",
  consultationVenue: "ZQXconsultationVenue",
  caseMessage: "ZQXcaseMessageToVendor",
  vendorMessage: "ZQXvendorMessage",
  trackingId: "ZQXtrackingId",
  othersAffected: "ZQXothersAffectedReason",
  directContact: "ZQXdirectContactReason",
  scheduleReason: "ZQXscheduleReason",
  replacedStatement: "ZQXreplacedStatement",
  unlistedVendorStatement: "ZQXunresponsiveVendorStatement",
  unresponsiveNote: "ZQXunresponsiveNote",
  replacedDraft: "ZQXreplacedDraftText",
  draftChangeNote: "ZQXchangeNoteBeforePublication",
  // Priority provision (R-PUB-4): its scope and packages never reach a public output.
  priorityReason: "ZQXpriorityReason",
  priorityRecipient: "ZQXpriorityRecipientOrg",
  priorityPackageTitle: "ZQXpriorityPackageTitle",
  priorityPackageBody: "ZQXpriorityPackageBody",
  priorityFileName: "ZQXpriorityBetaPatchFile",
  priorityFileContent: "ZQXpriorityBetaPatchContent",
} as const;

describe.each(testDatabaseTargets())("what never goes public, on $name", (target) => {
  const bed = advisoryTestbed(target);

  it("publishes a case full of confidential markers without any of them", async () => {
    const { services } = bed.runtime;
    const finderUser = await createTestUser(bed.runtime, {
      email: `${MARKERS.finderEmail}@markers.example`,
      name: MARKERS.finderName,
    });
    const finder = await bed.cast.actorOf(finderUser);
    const { id: reportId } = await services.reports.submit(finder, {
      kind: "product",
      title: `Report ${MARKERS.reportTitle}`,
      productName: MARKERS.productName,
      productVersion: "1.0",
      vendorName: MARKERS.vendorName,
      description: `The flaw ${MARKERS.description}`,
      reproduction: `Steps ${MARKERS.reproduction}`,
      verificationMethod: `Verify ${MARKERS.verification}`,
      attackMethod: `Exploit ${MARKERS.attack}`,
      howFound: `Found ${MARKERS.howFound}`,
      disclosurePlans: `Talk ${MARKERS.disclosurePlans}`,
      consent: {
        identityToCoordinator: true,
        identityToVendor: true,
        directContact: true,
        credit: null,
      },
    });
    await services.attachments.upload(finder, reportId, {
      class: "attack_method",
      files: [
        {
          name: `${MARKERS.attachmentName}.txt`,
          bytes: Buffer.from(`payload ${MARKERS.attachmentContent}\n`),
        },
      ],
    });
    await services.reports.postMessage(finder, reportId, `Hello ${MARKERS.reportMessage}`);
    await services.reports.fileConsultation(finder, reportId, {
      plannedAt: bed.inDays(90),
      venue: MARKERS.consultationVenue,
      scope: MARKERS.consultationScope,
    });
    await services.reports.accept(bed.people.desk, reportId);
    const { caseId } = await services.reports.forward(bed.people.desk, reportId, {});
    if (!caseId) throw new Error("no case");

    const { cases, advisories } = services;
    for (const key of ["vendorA", "vendorB"] as const) {
      await cases.addVendor(bed.people.coordinator, caseId, {
        organizationId: bed.cast.organizations[key],
      });
      await cases.notifyVendor(bed.people.coordinator, caseId, {
        orgId: bed.cast.organizations[key],
      });
      await cases.acknowledge(bed.people[key], caseId);
    }
    await cases.postMessage(bed.people.coordinator, caseId, {
      body: MARKERS.caseMessage,
      to: bed.cast.organizations.vendorA,
    });
    await cases.postMessage(bed.people.vendorA, caseId, { body: MARKERS.vendorMessage });
    await cases.setTrackingId(bed.people.vendorA, caseId, { trackingId: MARKERS.trackingId });
    await cases.reportOthersAffected(bed.people.vendorA, caseId, {
      vendorName: "Some Other Vendor",
      reason: MARKERS.othersAffected,
    });
    await cases.requestDirectContact(bed.people.vendorA, caseId, { reason: MARKERS.directContact });
    await cases.reportStatus(bed.people.vendorA, caseId, {
      status: "affected",
      statement: MARKERS.replacedStatement,
    });
    await cases.setStatement(bed.people.vendorA, caseId, { text: "Vendor A has a fix." });
    await cases.addCountermeasure(bed.people.vendorA, caseId, {
      type: "fix",
      description: "Update to 1.1.",
      fixedVersions: ["1.1"],
    });
    // Vendor B answers, then stops answering: unresponsive and not listed by a decision, it is
    // not named publicly, nor is its statement published.
    await cases.setStatement(bed.people.vendorB, caseId, { text: MARKERS.unlistedVendorStatement });
    await cases.markUnresponsive(bed.people.coordinator, caseId, {
      orgId: bed.cast.organizations.vendorB,
      note: MARKERS.unresponsiveNote,
    });
    const publishAt = bed.inDays(10);
    await cases.reviseSchedule(bed.people.coordinator, caseId, {
      publishAt,
      reason: MARKERS.scheduleReason,
    });
    await advisories.saveDraft(
      bed.people.coordinator,
      caseId,
      draftFor(bed.cast, { description: `Draft ${MARKERS.replacedDraft}` }),
    );
    await advisories.saveDraft(
      bed.people.coordinator,
      caseId,
      draftFor(bed.cast, { changeNote: MARKERS.draftChangeNote, translation: englishTranslation }),
    );
    await advisories.approve(bed.people.coordinator, caseId);
    // A priority provision sent before publication, its scope and packages full of markers.
    const desk = await bed.cast.actorOf(bed.cast.users.intakeMember);
    const { id: recipientId } = await services.organizations.create(desk, {
      type: "priority_recipient",
      name: MARKERS.priorityRecipient,
      contactEmail: "soc@priority-markers.example",
      sector: "electricity",
    });
    const { id: provisionId } = await services.priority.start(desk, caseId, {
      reason: MARKERS.priorityReason,
      sectors: ["electricity"],
      recipientOrganizationIds: [recipientId],
    });
    await services.priority.recordAgreement(bed.people.coordinator, provisionId, {
      decision: "agree",
    });
    await services.priority.recordAgreement(bed.people.vendorA, provisionId, {
      decision: "agree",
    });
    await services.priority.recordFinderNotice(desk, provisionId);
    await services.priority.addPackage(
      desk,
      provisionId,
      {
        kind: "beta_patch",
        title: MARKERS.priorityPackageTitle,
        body: MARKERS.priorityPackageBody,
      },
      {
        files: [
          {
            name: `${MARKERS.priorityFileName}.txt`,
            bytes: Buffer.from(MARKERS.priorityFileContent),
          },
        ],
      },
    );
    await services.priority.send(desk, provisionId);

    // Before the instant nothing is public (W-2) …
    const advisoryId = (await cases.get(bed.people.coordinator, caseId)).advisory
      .advisoryId as string;
    const encoded = encodeURIComponent(advisoryId);
    expect((await bed.app.inject({ url: `/api/v1/advisories/${encoded}` })).statusCode).toBe(404);
    expect((await bed.app.inject({ url: `/advisories/${encoded}` })).statusCode).toBe(404);
    const feedBefore = await bed.app.inject({ url: "/feeds/advisories.atom" });
    expect(feedBefore.body).not.toContain(advisoryId);
    for (const url of [
      "/api/v1/advisory-vendors?limit=200",
      "/api/v1/advisory-products?limit=200",
      "/sitemap.xml",
    ]) {
      const before = (await bed.app.inject({ url })).body;
      expect(before, url).not.toContain(encodeURIComponent(advisoryId));
      expect(before, url).not.toContain("Router A100");
      expect(before, url).not.toContain("Vendor A Corporation");
    }

    // … then it is published.
    await bed.runDueAt(publishAt);

    const outputs: Record<string, string> = {};
    const fetch = async (name: string, url: string, language?: "ja" | "en") => {
      const response = await bed.app.inject({
        url,
        headers: language ? { "accept-language": language } : {},
      });
      expect(response.statusCode, `${name}: ${response.body.slice(0, 200)}`).toBe(200);
      outputs[name] = response.body;
    };
    await fetch("list", "/api/v1/advisories?limit=200");
    await fetch("detail", `/api/v1/advisories/${encoded}`);
    await fetch("csaf", `/api/v1/advisories/${encoded}/csaf`);
    await fetch("csaf-translation", `/api/v1/advisories/${encoded}/csaf?lang=en`);
    await fetch("cve", `/api/v1/advisories/${encoded}/cve`);
    await fetch("osv", `/api/v1/advisories/${encoded}/osv`);
    await fetch("list-en", "/api/v1/advisories?limit=200&lang=en&sort=updated");
    await fetch("vendors", "/api/v1/advisory-vendors?limit=200");
    await fetch("vendors-not-affected", "/api/v1/advisory-vendors?vendorStatus=unresponsive");
    await fetch("products", "/api/v1/advisory-products?limit=200");
    await fetch("sitemap", "/sitemap.xml");
    await fetch("priority-public", "/priority-provision");
    for (const language of ["ja", "en"] as const) {
      await fetch(`rss-${language}`, "/feeds/advisories.rdf", language);
      await fetch(`atom-${language}`, "/feeds/advisories.atom", language);
      await fetch(`rss-lang-${language}`, `/feeds/advisories.rdf?lang=${language}`);
      await fetch(`atom-lang-${language}`, `/feeds/advisories.atom?lang=${language}`);
      await fetch(`list-page-${language}`, "/advisories", language);
      await fetch(`page-${language}`, `/advisories/${encoded}`, language);
    }

    // The advisory is there, with what is meant to be public …
    expect(outputs.detail).toContain("Vendor A has a fix.");
    expect(outputs.detail).toContain("Update to 1.1.");
    expect(outputs["page-ja"]).toContain(advisoryId);
    expect(outputs["atom-en"]).toContain(advisoryId);
    expect(outputs.products).toContain("Router A100");
    expect(outputs.sitemap).toContain(encoded);
    // … and nothing confidential: no marker in any output, in any case.
    for (const [name, body] of Object.entries(outputs)) {
      for (const [field, marker] of Object.entries(MARKERS)) {
        expect(body.toLowerCase().includes(marker.toLowerCase()), `${field} in ${name}`).toBe(
          false,
        );
      }
      expect(body, `the unlisted vendor in ${name}`).not.toContain("Vendor B Inc.");
    }
    // Nor can a marker be found by searching.
    for (const marker of Object.values(MARKERS)) {
      const found = await bed.app.inject({
        url: `/api/v1/advisories?q=${encodeURIComponent(marker)}`,
      });
      expect(found.json().items, marker).toEqual([]);
    }
    // The credit the finder chose (none) is what the advisory says.
    expect(JSON.parse(outputs.detail ?? "{}").acknowledgement).toBeNull();
  });
});
