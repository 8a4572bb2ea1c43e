import type { Language } from "../../../platform/i18n/i18n.ts";
import type { PublicAdvisory } from "../advisories.schemas.ts";

/**
 * What every export of a published advisory (R-PUB-3) states alike: its public address and the
 * language it is written in. Each export is built from the public advisory alone (R-CLS-1).
 */

/** The advisory's public page. Its identifier has a "#", which a URL carries as %23. */
export function advisoryUrl(publicUrl: string, advisoryId: string): string {
  return `${publicUrl}/advisories/${encodeURIComponent(advisoryId)}`;
}

/** The language the coordinator wrote the advisory's own texts in. */
export function contentLanguage(advisory: Pick<PublicAdvisory, "language">): Language {
  return advisory.language;
}

/** Where the CSAF trusted provider serves TLP:WHITE documents (CSAF 2.0 section 7.1.13). */
export function csafDirectoryUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/csaf/white`;
}

/**
 * A CSAF document's file name (CSAF 2.0 section 5.1): the tracking ID in lower case, every
 * character other than `+`, `-`, a–z and 0–9 replaced by `_`, then `.json`.
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}

/**
 * The canonical URL of a CSAF document: in the folder of the year of its initial release
 * (section 7.1.11), under the file name of its tracking ID. It is the document's `self`
 * reference, and where the trusted provider serves it.
 */
export function csafFileUrl(
  publicUrl: string,
  tracking: { id: string; initialReleaseDate: string },
): string {
  const year = tracking.initialReleaseDate.slice(0, 4);
  return `${csafDirectoryUrl(publicUrl)}/${year}/${csafFileName(tracking.id)}`;
}
