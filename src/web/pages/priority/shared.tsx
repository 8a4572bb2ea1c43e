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

/** An error returned by a form: its code, shown translated or as the service's detail. */
export interface PageError {
  detail: string;
}
