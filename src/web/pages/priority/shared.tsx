import type { ComponentChildren } from "preact";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { PackageKind, PriorityStatus } from "../../../workflow/priority-provision/index.ts";

export function statusLabel(t: Translate, status: PriorityStatus | undefined): string {
  return status ? t(`priority.status.${status}` as MessageKey) : "";
}

export function kindLabel(t: Translate, kind: PackageKind): string {
  return t(`priority.kind.${kind}` as MessageKey);
}

export function sectorLabel(t: Translate, sector: string | null): string {
  return sector ? t(`directory.sector.${sector}` as MessageKey) : "—";
}

/** A form of the case's page shown again: which, what was typed, and its problems. */
export interface PriorityForm {
  form: "start" | "agreement" | "package" | "send" | "revoke" | "action";
  provisionId?: string;
  values: Record<string, string | string[]>;
  /** Each problem's field (`""`: the form as a whole) and its message. */
  errors: { path: string; key: MessageKey }[];
}

/** A list of sector names, joined as the language does ("、" in Japanese). */
export function sectorList(t: Translate, sectors: readonly string[]): string {
  return sectors.map((s) => sectorLabel(t, s)).join(t("priority.list.separator"));
}

const DATE_SLOT = "\u0000date\u0000";

/**
 * A translated sentence with a date element where its `{date}` is (the word order differs
 * between the languages).
 */
export function WithDate(props: {
  t: Translate;
  message: MessageKey;
  params?: Record<string, string | number>;
  date: ComponentChildren;
}) {
  const [before, after] = props
    .t(props.message, { ...props.params, date: DATE_SLOT })
    .split(DATE_SLOT);
  return (
    <>
      {before}
      {props.date}
      {after}
    </>
  );
}
