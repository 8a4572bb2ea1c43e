/**
 * From a page form's strings to an action's input, before the action's own schema checks it:
 * the schema decides what is valid, these only undo what an HTML form does to values.
 */

/** A typed value, or undefined for a blank field (so the schema says "required"). */
export function blank(value: string | undefined): string | undefined {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? undefined : trimmed;
}

const TOKYO_OFFSET = "+09:00";

/**
 * A `datetime-local` value (typed in Tokyo time) as an instant with its offset; "" for a blank
 * field, null for something that is not a date.
 */
export function instantFromInput(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  if (trimmed === "") return "";
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(trimmed);
  if (!match) return null;
  return `${match[1]}T${match[2]}${match[3] ?? ":00"}${TOKYO_OFFSET}`;
}

/** A date field for the schema: the instant, undefined when blank, or a value it refuses. */
export function formInstant(value: string | undefined): string | undefined {
  const converted = instantFromInput(value);
  return converted === null ? "not a date" : converted === "" ? undefined : converted;
}

/** Versions typed one per line or separated by commas. */
export function versionList(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\r\n,、]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** The values of a repeated field (checkboxes): one, several or none. */
export function repeated(body: unknown, name: string): string[] {
  const raw = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : null;
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  return list.filter((entry): entry is string => typeof entry === "string" && entry.length <= 100);
}
