import type { Translate } from "../../platform/i18n/i18n.ts";
import type { VersionRange } from "../../platform/text/product-identity.ts";
import { rangeLines, rangesFromLines } from "../../platform/text/version-range-text.ts";
import type { FieldError } from "../../web/components.tsx";
import type { DraftForm } from "../../web/pages/advisories/advisory-draft.tsx";

/**
 * The coordinator's draft form as strings, and the API body: each affected product is a row of
 * fields (`affected.<n>.product`, `.versions`, `.cpe`, `.purl`, `.ranges` with one range per
 * line), the translation four fields `translation.<text>`, left all empty for none. Errors are
 * said per field in the reader's language, with the row and line at fault.
 */

const TEXTS = ["title", "overview", "description", "impact"] as const;

const splitList = (value: string | undefined, separator: RegExp) =>
  (value ?? "")
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The form as the API body (API.md's fields; the rows and lines become arrays). */
export function draftBodyFromForm(form: DraftForm): Record<string, unknown> {
  const rows = Object.keys(form)
    .map((key) => /^affected\.(\d+)\./.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  const field = (index: number, name: string) => form[`affected.${index}.${name}`] ?? "";
  const affected = [...new Set(rows)]
    .sort((a, b) => a - b)
    .filter((index) =>
      ["vendorOrgId", "product", "versions", "cpe", "purl", "ranges"].some(
        (name) => field(index, name).trim() !== "",
      ),
    )
    .map((index) => ({
      vendorOrgId: field(index, "vendorOrgId"),
      product: field(index, "product"),
      versions: splitList(field(index, "versions"), /[,、]/),
      cpe: optional(field(index, "cpe")),
      purl: optional(field(index, "purl")),
      ranges: rangesFromLines(field(index, "ranges")),
    }));
  const references = splitList(form.references, /\r?\n/).map((line) => {
    const [url = "", ...title] = line.split(/\s+/);
    return { url, title: title.join(" ") || null };
  });
  const translated = TEXTS.map((text) => form[`translation.${text}`] ?? "");
  return {
    title: form.title ?? "",
    overview: form.overview ?? "",
    description: form.description ?? "",
    impact: form.impact ?? "",
    language: optional(form.language) ?? "ja",
    translation: translated.every((text) => text.trim() === "")
      ? null
      : Object.fromEntries(TEXTS.map((text, index) => [text, translated[index]])),
    cwe: optional(form.cwe),
    cvssV3: optional(form.cvssV3),
    cvssV4: optional(form.cvssV4),
    cveIds: splitList(form.cveIds, /[\s,、]+/),
    affected,
    references,
    changeNote: optional(form.changeNote),
  };
}

/** A draft (saved, or suggested by the case) as the form shows it. */
export interface DraftFormSource {
  title: string;
  overview: string;
  description: string;
  impact: string;
  language: string;
  translation: Record<(typeof TEXTS)[number], string> | null;
  cwe: string | null;
  cvssV3: string | null;
  cvssV4: string | null;
  cveIds: string[];
  affected: {
    vendorOrgId: string;
    product: string;
    versions: string[];
    cpe: string | null;
    purl: string | null;
    ranges: VersionRange[];
  }[];
  references: { url: string; title: string | null }[];
}

export function formFromDraft(draft: DraftFormSource): DraftForm {
  const form: DraftForm = {
    title: draft.title,
    overview: draft.overview,
    description: draft.description,
    impact: draft.impact,
    language: draft.language,
    cwe: draft.cwe ?? "",
    cvssV3: draft.cvssV3 ?? "",
    cvssV4: draft.cvssV4 ?? "",
    cveIds: draft.cveIds.join(", "),
    references: draft.references.map((r) => (r.title ? `${r.url} ${r.title}` : r.url)).join("\n"),
  };
  for (const text of TEXTS) form[`translation.${text}`] = draft.translation?.[text] ?? "";
  draft.affected.forEach((a, index) => {
    form[`affected.${index}.vendorOrgId`] = a.vendorOrgId;
    form[`affected.${index}.product`] = a.product;
    form[`affected.${index}.versions`] = a.versions.join(", ");
    form[`affected.${index}.cpe`] = a.cpe ?? "";
    form[`affected.${index}.purl`] = a.purl ?? "";
    form[`affected.${index}.ranges`] = rangeLines(a.ranges);
  });
  return form;
}

/**
 * A problem's path (`affected.2.ranges.1`, `references.0.url`) as the form field to mark and
 * the words to say, in the reader's language.
 */
export function draftFieldError(t: Translate, path: string, detail?: string): FieldError {
  const parts = path.split(".");
  const [top = "", second, third, fourth] = parts;
  const number = (value: string | undefined) => Number(value ?? 0) + 1;
  if (top === "affected" && second !== undefined && /^\d+$/.test(second)) {
    const row = number(second);
    const name = `affected.${second}.${third ?? "product"}`;
    switch (third) {
      case "vendorOrgId":
        return { path: name, message: t("advisories.draft.error.vendor", { row }) };
      case "versions":
        return { path: name, message: t("advisories.draft.error.versions", { row }) };
      case "cpe":
        return { path: name, message: t("advisories.draft.error.cpe", { row }) };
      case "purl":
        return { path: name, message: t("advisories.draft.error.purl", { row }) };
      case "ranges":
        return {
          path: name,
          message: t("advisories.draft.error.ranges", { row, line: number(fourth) }),
        };
      default:
        return {
          path: `affected.${second}.product`,
          message: t("advisories.draft.error.product", { row }),
        };
    }
  }
  switch (top) {
    case "title":
    case "overview":
    case "description":
    case "impact":
      return {
        path: top,
        message: t("advisories.draft.error.text", {
          field: t(`advisories.draft.field.${top}`),
        }),
      };
    case "translation":
      return {
        path: `translation.${second && (TEXTS as readonly string[]).includes(second) ? second : "title"}`,
        message: t("advisories.draft.error.translation"),
      };
    case "language":
      return { path: "language", message: t("advisories.draft.error.language") };
    case "cwe":
      return { path: "cwe", message: t("advisories.draft.error.cwe") };
    case "cvssV3":
      return { path: "cvssV3", message: t("advisories.draft.error.cvssV3") };
    case "cvssV4":
      return { path: "cvssV4", message: t("advisories.draft.error.cvssV4") };
    case "cveIds":
      return { path: "cveIds", message: t("advisories.draft.error.cveIds") };
    case "references":
      return {
        path: "references",
        message: t("advisories.draft.error.references", { line: number(second) }),
      };
    case "changeNote":
      return { path: "changeNote", message: t("advisories.draft.error.changeNote") };
    default:
      return {
        path: "",
        message: t("advisories.draft.error.invalid", { detail: detail ?? path }),
      };
  }
}
