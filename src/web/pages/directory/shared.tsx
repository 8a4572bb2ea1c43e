import type { ComponentChildren } from "preact";
import type { MemberRole, OrganizationType } from "../../../platform/db/schema.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export const TYPE_LABELS: Record<OrganizationType, MessageKey> = {
  intake: "directory.type.intake",
  coordinator: "directory.type.coordinator",
  vendor: "directory.type.vendor",
  site_operator: "directory.type.site_operator",
  csirt: "directory.type.csirt",
  priority_recipient: "directory.type.priority_recipient",
  analysis_org: "directory.type.analysis_org",
};

export const ADD_LABELS: Record<OrganizationType, MessageKey> = {
  intake: "directory.add.generic",
  coordinator: "directory.add.generic",
  vendor: "directory.add.vendor",
  site_operator: "directory.add.site_operator",
  csirt: "directory.add.csirt",
  priority_recipient: "directory.add.priority_recipient",
  analysis_org: "directory.add.analysis_org",
};

export const SECTOR_LABELS: Record<string, MessageKey> = {
  government: "directory.sector.government",
  electricity: "directory.sector.electricity",
  gas: "directory.sector.gas",
  rail: "directory.sector.rail",
  aviation: "directory.sector.aviation",
  telecom: "directory.sector.telecom",
  finance: "directory.sector.finance",
};

export const ROLE_LABELS: Record<MemberRole, MessageKey> = {
  admin: "directory.role.admin",
  member: "directory.role.member",
  analyst: "directory.role.analyst",
};

export function typeLabel(t: Translate, type: OrganizationType): string {
  return t(TYPE_LABELS[type]);
}

export function sectorLabel(t: Translate, sector: string): string {
  const key = SECTOR_LABELS[sector];
  return key ? t(key) : sector;
}

export function roleLabel(t: Translate, role: string): string {
  const key = ROLE_LABELS[role as MemberRole];
  return key ? t(key) : role;
}

/** A PGP fingerprint in groups of four, as GnuPG prints it. */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(" ");
}

/** A checkbox with its label after it (outside .field, whose inputs fill the width). */
export function CheckboxField(props: { name: string; label: string; checked?: boolean }) {
  const id = `field-${props.name}`;
  return (
    <p class="checkbox">
      <input type="checkbox" id={id} name={props.name} value="1" checked={props.checked} />{" "}
      <label for={id}>{props.label}</label>
    </p>
  );
}

/**
 * A table in a horizontally scrollable region (a section named by the caption) that keyboard
 * users can focus and scroll too.
 */
export function DataTable(props: { id: string; caption: string; children: ComponentChildren }) {
  return (
    <section
      class="table-wrap"
      aria-labelledby={`${props.id}-caption`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table class="data" id={props.id}>
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        {props.children}
      </table>
    </section>
  );
}

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(value: string | undefined): string[] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Keywords: one per line or separated by commas (also Japanese ones). */
export function keywordList(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\r\n,、，]+/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Whether a part of a product line is a machine-readable identifier (or left empty). */
const identifierPart = (part: string) => part === "" || /^(cpe|pkg):/i.test(part);

/**
 * One product per line: "name", "name | cpe:2.3:…", "name | pkg:…" or "name | cpe:2.3:… |
 * pkg:…" (an empty part is skipped). The name may contain "|": only trailing parts that are
 * identifiers are taken as such; a single other trailing part is read as a CPE name, so that a
 * mistyped one is refused rather than silently made part of the name.
 */
export function productList(
  value: string | undefined,
): { name: string; cpe?: string; purl?: string }[] {
  return lines(value).map((line) => {
    const raw = line.split("|");
    const parts = raw.map((part) => part.trim());
    if (parts.length === 1) return { name: line };
    let identifiers = 0;
    while (
      identifiers < 2 &&
      parts.length - identifiers > 1 &&
      identifierPart(parts[parts.length - 1 - identifiers] ?? "")
    ) {
      identifiers += 1;
    }
    if (identifiers === 0) identifiers = 1;
    const name = raw
      .slice(0, parts.length - identifiers)
      .join("|")
      .trim();
    const product: { name: string; cpe?: string; purl?: string } = { name };
    for (const part of parts.slice(parts.length - identifiers)) {
      if (part === "") continue;
      if (/^pkg:/i.test(part)) product.purl = part;
      else product.cpe = part;
    }
    return product;
  });
}

export function productLines(
  products: { name: string; cpe?: string | undefined; purl?: string | undefined }[],
): string {
  return products
    .map((product) =>
      [product.name, product.cpe, product.purl].filter((part) => part !== undefined).join(" | "),
    )
    .join("\n");
}

/** The first n items, and how many more there are. */
export function firstOf<T>(items: T[], n: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, n), more: Math.max(0, items.length - n) };
}

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A date (YYYY-MM-DD) as the ISO instant it begins in Japan (Asia/Tokyo), or null if no real date. */
export function tokyoDayStart(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const instant = new Date(`${value}T00:00:00+09:00`);
  if (Number.isNaN(instant.getTime())) return null;
  // 2026-02-30 would roll over into March: refuse it.
  const back = new Date(instant.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
  return back === value ? instant.toISOString() : null;
}

/** The instant the day after the given date (YYYY-MM-DD) begins in Japan, or null. */
export function tokyoDayEnd(value: string): string | null {
  const start = tokyoDayStart(value);
  return start ? new Date(new Date(start).getTime() + 24 * 60 * 60 * 1000).toISOString() : null;
}
