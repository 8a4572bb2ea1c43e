/**
 * R-INT-3: likely duplicates of a report among earlier reports and published advisories, each
 * with why it matched — the same product, vendor, site or CWE, or similar text (word tokens,
 * Japanese and English alike). The comparison reads the sealed text in the server; the answer
 * carries only metadata.
 */
import { notFound } from "../../platform/http/problem.ts";
import { similarity } from "../../platform/text/tokens.ts";
import type { Actor } from "../access/actor.ts";
import { loadVisibleReport, type ReportsContext } from "./reports.context.ts";
import { isIntakeStaff } from "./reports.policy.ts";
import { earlierReports, type ReportRow, recentAdvisories } from "./reports.repository.ts";
import type { DuplicateCandidate, DuplicateReason } from "./reports.schemas.ts";
import { unsealReportContent } from "./reports.sealed.ts";

/** How many earlier reports (and advisories) the check compares with, newest first. */
const DUPLICATE_WINDOW = 2000;
/** Word-token Jaccard similarity from which two texts count as "similar". */
const SIMILAR_TEXT = 0.4;
/** At most this many candidates are answered. */
const MOST = 20;

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
/** A name as the advisories' search keys hold it. */
const searchKey = (value: string | null) => value?.normalize("NFKC").trim().toLowerCase() ?? "";
const hostOf = (url: string) => new URL(url).host;
const rounded = (score: number) => Math.round(score * 100) / 100;
/** A shared CWE alone is common; it counts only beside another reason. */
const telling = (reasons: DuplicateReason[]) => reasons.some((reason) => reason !== "same_cwe");

export function createDuplicateCheck(context: ReportsContext) {
  const { db, audit, cipher } = context;
  const text = (report: ReportRow) =>
    `${report.title}\n${unsealReportContent(cipher, report).description}`;

  return {
    async duplicates(actor: Actor, id: string): Promise<DuplicateCandidate[]> {
      if (!isIntakeStaff(actor)) throw notFound();
      const { row } = await loadVisibleReport(db, actor, id);
      const mine = text(row);

      const reports = (await earlierReports(db, row, DUPLICATE_WINDOW)).flatMap(
        (candidate): DuplicateCandidate[] => {
          const reasons: DuplicateReason[] = [];
          if (same(row.product_name, candidate.product_name)) reasons.push("same_product");
          if (same(row.vendor_name, candidate.vendor_name)) reasons.push("same_vendor");
          if (
            row.site_url &&
            candidate.site_url &&
            hostOf(row.site_url) === hostOf(candidate.site_url)
          )
            reasons.push("same_site");
          if (same(row.cwe, candidate.cwe)) reasons.push("same_cwe");
          const score = similarity(mine, text(candidate));
          if (score >= SIMILAR_TEXT) reasons.push("similar_text");
          if (!telling(reasons)) return [];
          return [
            {
              kind: "report",
              reportId: candidate.id,
              receiptNumber: candidate.receipt_number,
              title: candidate.title,
              receivedAt: candidate.received_at,
              reasons,
              textSimilarity: rounded(score),
            },
          ];
        },
      );

      const product = searchKey(row.product_name);
      const vendor = searchKey(row.vendor_name);
      const advisories = (await recentAdvisories(db, DUPLICATE_WINDOW)).flatMap(
        (advisory): DuplicateCandidate[] => {
          const reasons: DuplicateReason[] = [];
          if (product && advisory.search_products.includes(`|${product}|`))
            reasons.push("same_product");
          if (vendor && advisory.search_vendors.includes(`|${vendor}|`))
            reasons.push("same_vendor");
          if (same(row.cwe, advisory.cwe)) reasons.push("same_cwe");
          const score = similarity(
            mine,
            `${advisory.title}\n${advisory.overview}\n${advisory.description}`,
          );
          if (score >= SIMILAR_TEXT) reasons.push("similar_text");
          if (!telling(reasons)) return [];
          return [
            {
              kind: "advisory",
              advisoryId: advisory.advisory_id,
              title: advisory.title,
              publishedAt: advisory.published_at,
              reasons,
              textSimilarity: rounded(score),
            },
          ];
        },
      );

      await db.transaction().execute((tx) =>
        audit.record(tx, actor, {
          type: "report.duplicates_checked",
          subjectType: "report",
          subjectId: id,
        }),
      );
      return [...reports, ...advisories]
        .sort((a, b) => b.reasons.length - a.reasons.length || b.textSimilarity - a.textSimilarity)
        .slice(0, MOST);
    },
  };
}
