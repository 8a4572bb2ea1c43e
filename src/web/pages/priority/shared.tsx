import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { PackageKind, PriorityStatus } from "../../../workflow/priority-provision/index.ts";
import { DateTime } from "../../components.tsx";

export function statusLabel(t: Translate, status: PriorityStatus | undefined): string {
  return status ? t(`priority.status.${status}` as MessageKey) : "";
}

export function kindLabel(t: Translate, kind: PackageKind): string {
  return t(`priority.kind.${kind}` as MessageKey);
}

export function sectorLabel(t: Translate, sector: string | null): string {
  return sector ? t(`directory.sector.${sector}` as MessageKey) : "—";
}

/** An error returned by a form: its code, shown translated or as the service's detail. */
export interface PageError {
  detail: string;
}

const DATE_SLOT = "\u0000";

/**
 * A translated sentence with a date in it, the date a <time> with its zone where the language
 * puts it ("{date} に開始した提供", "The finder was told on {date}.").
 */
export function WithDate(props: {
  t: Translate;
  language: Language;
  message: MessageKey;
  params?: Record<string, string | number>;
  value: string;
}) {
  const text = props.t(props.message, { ...props.params, date: DATE_SLOT });
  const [before, after] = text.split(DATE_SLOT);
  return (
    <>
      {before}
      <DateTime value={props.value} language={props.language} />
      {after}
    </>
  );
}
