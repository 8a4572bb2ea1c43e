import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { SiteCaseEvent, SiteCaseState } from "../../workflow/site-case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { unsealReportText } from "../reports/reports.sealed.ts";
import { presentSiteCase } from "./site-cases.presenter.ts";
import { findReport, findSiteCase, operatorNameOf } from "./site-cases.repository.ts";
import type { SiteCaseIntakeView } from "./site-cases.schemas.ts";

/**
 * What the site-cases module gives the analysis-shares module (ADR 007: the owner reads its own
 * tables and opens its own sealed columns). Outside analysis of a web case (R-ANA-2) reads the
 * case through these functions and copies only the classes the desk chose.
 */

/** A site case's reference, title and site, for the analysis organization's list (nothing sealed). */
export async function siteCaseHeadline(
  executor: Executor,
  siteCaseId: string,
): Promise<{
  reference: string;
  title: string;
  siteUrl: string | null;
  operatorName: string | null;
}> {
  const row = await findSiteCase(executor, siteCaseId);
  const report = row ? await findReport(executor, row.report_id) : undefined;
  if (!row || !report) throw new Error(`site case ${siteCaseId} has no report`);
  return {
    reference: report.receipt_number,
    title: report.title,
    siteUrl: report.site_url,
    operatorName: await operatorNameOf(executor, row),
  };
}

/** The whole of a site case as the desk member handling it reads it, opened now. */
export interface SiteCaseForAnalysis {
  view: SiteCaseIntakeView;
  operatorName: string | null;
  /** The finder's attack method: the desk keeps it; the operator's view never carries it. */
  attackMethod: string | null;
}

/**
 * A site case opened for an outside analysis share: the desk's view from the module's own
 * presenter (report text opened at this read and stored nowhere; no finder, no messages, no
 * analysis reasons) and the attack method from the report.
 */
export async function openSiteCaseForAnalysis(
  executor: Executor,
  deps: { cipher: FieldCipher; workflow: Pick<WorkflowStore, "load" | "events"> },
  siteCaseId: string,
): Promise<SiteCaseForAnalysis> {
  const row = await findSiteCase(executor, siteCaseId);
  const report = row ? await findReport(executor, row.report_id) : undefined;
  const loaded = await deps.workflow.load(executor, "site_case", siteCaseId);
  if (!row || !report || !loaded) throw new Error(`site case ${siteCaseId} cannot be opened`);
  const events = (await deps.workflow.events(executor, "site_case", siteCaseId)).map(
    (stored) => stored.event as SiteCaseEvent,
  );
  const text = unsealReportText(deps.cipher, report);
  const operatorName = await operatorNameOf(executor, row);
  const view = presentSiteCase({
    audience: "intake",
    row,
    report,
    state: loaded.state as SiteCaseState,
    events,
    operatorName,
    analysisRequests: [],
    leakNotices: [],
    confidential: {
      details: {
        description: text.description,
        reproduction: text.reproduction,
        verificationMethod: text.verificationMethod,
      },
      finder: null,
      resultDetails: null,
      analysisReasons: null,
    },
  }) as SiteCaseIntakeView;
  return { view, operatorName, attackMethod: text.attackMethod };
}

/**
 * Who of the operator hears of its case: its admins and the members assigned to the case
 * (R-SEC-6), as user ids; nobody while the case has no operator organization.
 */
export async function operatorPeople(executor: Executor, siteCaseId: string): Promise<string[]> {
  const row = await findSiteCase(executor, siteCaseId);
  if (!row?.operator_organization_id) return [];
  const members = await executor
    .selectFrom("memberships")
    .leftJoin("case_members", (join) =>
      join
        .onRef("case_members.user_id", "=", "memberships.user_id")
        .on("case_members.case_id", "=", siteCaseId),
    )
    .select(["memberships.user_id", "memberships.role", "case_members.case_id"])
    .where("memberships.organization_id", "=", row.operator_organization_id)
    .execute();
  return members
    .filter((member) => member.role === "admin" || member.case_id !== null)
    .map((member) => member.user_id);
}
