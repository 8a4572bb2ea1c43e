import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./database.ts";
import * as platform from "./migrations/0001_platform.ts";
import * as identity from "./migrations/0002_identity.ts";
import * as workflow from "./migrations/0003_workflow.ts";
import * as reports from "./migrations/0004_reports.ts";
import * as disclosureConsultations from "./migrations/0005_disclosure_consultations.ts";
import * as reportAttachments from "./migrations/0006_report_attachments.ts";
import * as deskKeys from "./migrations/0007_desk_keys.ts";
import * as siteCases from "./migrations/0008_site_cases.ts";
import * as cases from "./migrations/0011_cases.ts";
import * as advisories from "./migrations/0012_advisories.ts";
import * as unreachableVendors from "./migrations/0013_unreachable_vendors.ts";
import * as caseCsirts from "./migrations/0014_case_csirts.ts";
import * as advisoryLanguages from "./migrations/0015_advisory_languages.ts";
import * as csafProvider from "./migrations/0016_csaf_provider.ts";
import * as advisorySearch from "./migrations/0018_advisory_search.ts";
import * as caseNumbers from "./migrations/0019_case_numbers.ts";
import * as notifications from "./migrations/0020_notifications.ts";
import * as nda from "./migrations/0021_nda.ts";
import * as webhooks from "./migrations/0022_webhooks.ts";
import * as draftComments from "./migrations/0023_draft_comments.ts";
import * as caseRisk from "./migrations/0024_case_risk.ts";
import * as analysisTasks from "./migrations/0025_analysis_tasks.ts";
import * as priorityProvisions from "./migrations/0026_priority_provisions.ts";
import * as analysisShares from "./migrations/0027_analysis_shares.ts";
import * as classifications from "./migrations/0028_classifications.ts";

/** Every migration, in order. Listed here (not read from disk) so a typo fails the type check. */
const migrations: Record<string, Migration> = {
  "0001_platform": platform,
  "0002_identity": identity,
  "0003_workflow": workflow,
  "0004_reports": reports,
  "0005_disclosure_consultations": disclosureConsultations,
  "0006_report_attachments": reportAttachments,
  "0007_desk_keys": deskKeys,
  "0008_site_cases": siteCases,
  "0011_cases": cases,
  "0012_advisories": advisories,
  "0013_unreachable_vendors": unreachableVendors,
  "0014_case_csirts": caseCsirts,
  "0015_advisory_languages": advisoryLanguages,
  "0016_csaf_provider": csafProvider,
  "0018_advisory_search": advisorySearch,
  "0019_case_numbers": caseNumbers,
  "0020_notifications": notifications,
  "0021_nda": nda,
  "0022_webhooks": webhooks,
  "0023_draft_comments": draftComments,
  "0024_case_risk": caseRisk,
  "0025_analysis_tasks": analysisTasks,
  "0026_priority_provisions": priorityProvisions,
  "0027_analysis_shares": analysisShares,
  "0028_classifications": classifications,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies pending migrations; returns the names applied now. Throws on the first failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(
      `migration ${failed ?? "(unknown)"} failed: ${(error as Error).message ?? error}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === "Success")
    .map((result) => result.migrationName);
}

/** Applies migrations up to and including `name` only: for tests of a migration on older data. */
export async function migrateTo(db: Db, name: keyof typeof migrations & string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}
