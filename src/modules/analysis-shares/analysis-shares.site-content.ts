import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import {
  openSiteCaseForAnalysis,
  siteCaseHeadline,
} from "../site-cases/site-cases.analysis-shares.ts";
import type { ShareClass, SharedContent } from "./analysis-shares.schemas.ts";

export const SITE_PLACEHOLDER = "[site]";
export const OPERATOR_PLACEHOLDER = "[operator]";

/** Characters that mean something in a regular expression, escaped. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What names the site in free text: its URL, its host (with and without `www.`) and the
 * operator's name. Short strings are left alone (a two-letter name would blank ordinary words).
 */
function identifyingTerms(siteUrl: string | null, operatorName: string | null) {
  const site: string[] = [];
  if (siteUrl) {
    site.push(siteUrl.replace(/\/+$/, ""));
    try {
      const host = new URL(siteUrl).hostname;
      site.push(host, host.replace(/^www\./, ""));
    } catch {
      // Not a URL the parser reads: the text as stored is all there is to look for.
    }
  }
  const longestFirst = (list: string[]) =>
    [...new Set(list.filter((term) => term.length >= 4))].sort((a, b) => b.length - a.length);
  return {
    site: longestFirst(site),
    operator: longestFirst(operatorName ? [operatorName] : []),
  };
}

/**
 * R-CLS-3: without the site_identity class, the site's URL and host and its operator's name are
 * replaced wherever they occur in what is shared (the finder's title and texts usually name the
 * page). A best effort over free text: the desk still reads what it shares.
 */
export function siteRedactor(
  siteUrl: string | null,
  operatorName: string | null,
): (text: string) => string {
  const terms = identifyingTerms(siteUrl, operatorName);
  const patterns = [
    ...terms.site.map((term) => [new RegExp(escapeRegExp(term), "gi"), SITE_PLACEHOLDER] as const),
    ...terms.operator.map(
      (term) => [new RegExp(escapeRegExp(term), "gi"), OPERATOR_PLACEHOLDER] as const,
    ),
  ];
  return (text) =>
    patterns.reduce((result, [pattern, placeholder]) => result.replace(pattern, placeholder), text);
}

/** A web case's reference and title for the organization's list, redacted as its share is. */
export async function siteCaseListHeadline(
  executor: Executor,
  siteCaseId: string,
  classes: readonly ShareClass[],
): Promise<{ caseNumber: string; title: string }> {
  const headline = await siteCaseHeadline(executor, siteCaseId);
  const redact = classes.includes("site_identity")
    ? (text: string) => text
    : siteRedactor(headline.siteUrl, headline.operatorName);
  return { caseNumber: headline.reference, title: redact(headline.title) };
}

/**
 * The classes chosen of a web case. The site-cases module opens the case (its presenter, the
 * desk's view, the report's text opened at this read); this function copies field by field what
 * each chosen class names, and nothing of the finder, the messages or the analysis requests.
 */
export async function siteSharedContentOf(
  executor: Executor,
  deps: { cipher: FieldCipher; workflow: Pick<WorkflowStore, "load" | "events"> },
  siteCaseId: string,
  classes: readonly ShareClass[],
): Promise<{ caseNumber: string; title: string; content: SharedContent }> {
  const { view, operatorName, attackMethod } = await openSiteCaseForAnalysis(
    executor,
    deps,
    siteCaseId,
  );
  const chosen = new Set(classes);
  const redact = chosen.has("site_identity")
    ? (text: string) => text
    : siteRedactor(view.siteUrl, operatorName);
  const redactOrNull = (text: string | null | undefined) => (text ? redact(text) : null);
  const content: SharedContent = {};
  if (chosen.has("summary")) {
    content.summary = {
      title: redact(view.title),
      status: view.status ?? "not_notified",
      openedAt: view.notifiedAt,
      publishAt: null,
      cwe: view.cwe,
      cvssVector: null,
      cvss: [],
    };
  }
  if (chosen.has("technical_details")) {
    content.technicalDetails = {
      description: redactOrNull(view.details?.description),
      reproduction: redactOrNull(view.details?.reproduction),
      verificationMethod: redactOrNull(view.details?.verificationMethod),
      conditions: null,
    };
  }
  if (chosen.has("proof_of_concept")) {
    content.proofOfConcept = { attackMethod: redactOrNull(attackMethod) };
  }
  if (chosen.has("countermeasures")) {
    content.operatorResult = view.result
      ? { result: view.result.result, fixMethod: view.result.fixMethod, at: view.result.at }
      : null;
  }
  if (chosen.has("site_identity") && view.siteUrl) {
    content.siteIdentity = { siteUrl: view.siteUrl, operatorName };
  }
  return { caseNumber: view.reference, title: redact(view.title), content };
}
