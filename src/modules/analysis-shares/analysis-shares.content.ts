import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { presentCase } from "../cases/cases.presenter.ts";
import type { CoordinatorCaseView } from "../cases/cases.views.ts";
import { scoreCvss } from "../reports/cvss.ts";
import { caseRiskVectors } from "../risk/risk.reads.ts";
import type { InformationClass, SharedContent } from "./analysis-shares.schemas.ts";

/** A case's number and title, for the organization's list (no sealed column is opened). */
export async function caseHeadline(
  executor: Executor,
  caseId: string,
): Promise<{ caseNumber: string | null; title: string }> {
  const row = await executor
    .selectFrom("cases")
    .select(["case_number", "title"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  return { caseNumber: row.case_number, title: row.title };
}

/**
 * The case's CVSS vectors with their scores, read from the risk module (it owns the case's risk,
 * ADR 007): the case's own risk, else its report's. Only the vectors: the risk's reason is the
 * desk's and no class names it.
 */
async function caseCvss(executor: Executor, caseId: string) {
  const vectors = await caseRiskVectors(executor, caseId);
  return [vectors?.cvssV3 ?? null, vectors?.cvssV4 ?? null].flatMap((vector) => {
    if (!vector) return [];
    const scored = scoreCvss(vector);
    return [
      {
        vector,
        baseScore: scored.ok ? scored.score.baseScore : null,
        severity: scored.ok ? scored.score.severity : null,
      },
    ];
  });
}

/**
 * The classes chosen of a case, for an outside analysis organization. The case is opened by the
 * cases module's own presenter (its whole content, as the coordinator reads it, sealed columns
 * opened at this read and nowhere stored); this function then copies field by field only what
 * each chosen class names. A class not chosen is absent, and what no class names (the finder,
 * the messages, the vendors' exchanges with the coordinator) is never copied.
 */
export async function sharedContentOf(
  executor: Executor,
  deps: { cipher: FieldCipher; workflow: Pick<WorkflowStore, "load"> },
  caseId: string,
  classes: readonly InformationClass[],
): Promise<{ caseNumber: string | null; title: string; content: SharedContent }> {
  // The case's row, read where the cases module keeps it (ADR 007 allows reading).
  const row = await executor
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const loaded = await deps.workflow.load(executor, "case", caseId);
  if (!loaded) throw new Error(`case ${caseId} has no state`);
  const view = (await presentCase(
    executor,
    deps.cipher,
    { kind: "coordinator" },
    row,
    loaded.state,
    true,
  )) as CoordinatorCaseView;
  const chosen = new Set(classes);
  const report = "report" in view ? view.report : null;
  const opened = "report" in view || "contentWithheld" in view ? null : view;
  const vendorName = (orgId: string) =>
    view.participants.find((p) => p.organizationId === orgId)?.name ?? null;
  const countermeasures = view.participants.flatMap((p) => p.countermeasures);
  const content: SharedContent = {};
  if (chosen.has("summary")) {
    const cvss = await caseCvss(executor, caseId);
    content.summary = {
      title: view.title,
      status: view.status,
      openedAt: view.openedAt,
      publishAt: view.schedule?.publishAt ?? null,
      cwe: report?.cwe ?? null,
      cvssVector: cvss[0]?.vector ?? report?.cvssVector ?? null,
      cvss,
    };
  }
  if (chosen.has("technical_details")) {
    content.technicalDetails = {
      description: report?.description ?? opened?.description ?? null,
      reproduction: report?.reproduction ?? null,
      verificationMethod: report?.verificationMethod ?? null,
      conditions: opened?.conditions ?? null,
    };
  }
  if (chosen.has("affected_products")) {
    content.affectedProducts = [
      ...(report && (report.productName || report.productVersion)
        ? [
            {
              vendor: null,
              product: report.productName,
              version: report.productVersion,
              cpe: null,
              purl: null,
              affectedVersions: [],
              fixedVersions: [],
            },
          ]
        : []),
      ...countermeasures.map((c) => ({
        vendor: vendorName(c.organizationId),
        product: c.product,
        version: null,
        cpe: c.cpe,
        purl: c.purl,
        affectedVersions: c.affectedVersions,
        fixedVersions: c.fixedVersions,
      })),
    ];
  }
  if (chosen.has("proof_of_concept")) {
    content.proofOfConcept = { attackMethod: report?.attackMethod ?? null };
  }
  if (chosen.has("vendor_statements")) {
    content.vendorStatements = view.participants.flatMap((p) =>
      p.statement
        ? [
            {
              vendor: p.name,
              text: p.statement.text,
              advisoryUrl: p.statement.advisoryUrl,
              updatedAt: p.statement.updatedAt,
            },
          ]
        : [],
    );
  }
  if (chosen.has("countermeasures")) {
    content.countermeasures = countermeasures.map((c) => ({
      vendor: vendorName(c.organizationId),
      type: c.type,
      description: c.description,
      fixedVersions: c.fixedVersions,
      url: c.url,
      createdAt: c.createdAt,
    }));
  }
  return { caseNumber: view.caseNumber, title: view.title, content };
}
