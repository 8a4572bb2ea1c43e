import type { VersionRange } from "./product-identity.ts";

/**
 * Version ranges as people type them in a form, one range per line, in the comparison notation
 * of `vers:` and package managers: `>=2.0 <2.4` (from 2.0, fixed in 2.4), `>=2.0 <=2.3` (2.0 up
 * to and including 2.3), `<1.5` (every version before 1.5), `>=3.0` (from 3.0, no fix yet).
 * The same text is written back into the form, so a saved range reads as it was typed.
 */

const CONSTRAINT = /(>=|<=|<)\s*([^\s,;]+)/g;

/** One line as a range; null when it is not one (a stray word, a repeated bound, no bound). */
export function parseRangeLine(line: string): VersionRange | null {
  const text = line.normalize("NFKC").replaceAll("≥", ">=").replaceAll("≤", "<=").trim();
  if (text === "") return null;
  const range: VersionRange = {};
  for (const [, operator, version] of text.matchAll(CONSTRAINT)) {
    const key = operator === ">=" ? "introduced" : operator === "<" ? "fixed" : "lastAffected";
    if (range[key] !== undefined || !version) return null;
    range[key] = version;
  }
  if (text.replace(CONSTRAINT, "").replace(/[\s,;]+/g, "") !== "") return null;
  if (range.fixed !== undefined && range.lastAffected !== undefined) return null;
  return Object.keys(range).length > 0 ? range : null;
}

/**
 * The ranges of a text area. A line that is not a range becomes an empty object, which the
 * schema refuses with the line's position (`ranges.<n>`), so the form can say which line.
 */
export function rangesFromLines(
  value: string | undefined,
): (VersionRange | Record<never, never>)[] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => parseRangeLine(line) ?? {});
}

/** A range in the notation above: `>=2.0 <2.4`. */
export function rangeText(range: VersionRange): string {
  return [
    range.introduced !== undefined ? `>=${range.introduced}` : null,
    range.fixed !== undefined ? `<${range.fixed}` : null,
    range.lastAffected !== undefined ? `<=${range.lastAffected}` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

/** Ranges as the lines of a text area. */
export function rangeLines(ranges: readonly VersionRange[]): string {
  return ranges.map(rangeText).join("\n");
}
