/**
 * What every export of a published advisory (R-PUB-3) states alike: its public address and the
 * addresses of its CSAF files. Each export is built from the public advisory alone (R-CLS-1).
 */

/** The advisory's public page. Its identifier has a "#", which a URL carries as %23. */
export function advisoryUrl(publicUrl: string, advisoryId: string): string {
  return `${publicUrl}/advisories/${encodeURIComponent(advisoryId)}`;
}

/**
 * A text cut to a standard's length limit: what fits, an ellipsis, and where to read the rest
 * (the advisory's page), so a long description never makes an export invalid.
 */
export function fitted(text: string, max: number, rest: string): string {
  if ([...text].length <= max) return text;
  const tail = rest ? `… ${rest}` : "…";
  return (
    [...text]
      .slice(0, Math.max(0, max - [...tail].length))
      .join("")
      .trimEnd() + tail
  );
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
