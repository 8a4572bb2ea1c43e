import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { ScheduleRevisions } from "./schedule-section.tsx";
import { type CaseView, caseStatusLabel, sourceLabel } from "./shared.tsx";

interface HistoryEntry {
  at: string;
  key: MessageKey;
  values?: Record<string, string>;
}

/**
 * What happened on the case, oldest first, as far as this viewer's view tells it (a vendor's
 * view holds its own participation only), then the schedule's revisions.
 */
export function HistoryBody(props: { page: PageContext; view: CaseView }) {
  const { page, view } = props;
  const { t, language } = page;
  const entries: HistoryEntry[] = [
    {
      at: view.openedAt,
      key: "casePages.history.opened",
      values: { source: sourceLabel(t, view.source) },
    },
  ];
  for (const p of view.participants) {
    const name = p.name ?? "";
    entries.push({ at: p.addedAt, key: "casePages.history.vendorAdded", values: { name } });
    if (p.firstContactAt) {
      entries.push({ at: p.firstContactAt, key: "casePages.history.notified", values: { name } });
    }
    if (p.acknowledgedAt) {
      entries.push({
        at: p.acknowledgedAt,
        key: "casePages.history.acknowledged",
        values: { name },
      });
    }
    if (p.unresponsiveSince) {
      entries.push({
        at: p.unresponsiveSince,
        key: "casePages.history.unresponsive",
        values: { name },
      });
    }
  }
  for (const referral of view.referrals ?? []) {
    entries.push({ at: referral.at, key: "casePages.history.referred" });
  }
  if (view.committee) entries.push({ at: view.committee.at, key: "casePages.history.committee" });
  if (view.publishedAt) entries.push({ at: view.publishedAt, key: "casePages.history.published" });
  if (view.closure) {
    entries.push({
      at: view.closure.at,
      key: "casePages.history.closed",
      values: { reason: caseStatusLabel(t, view.status) },
    });
  }
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <>
      <ol class="case-history">
        {entries.map((entry, index) => (
          <li key={`${entry.key}-${index}`}>
            <DateTime value={entry.at} language={language} /> — {t(entry.key, entry.values ?? {})}
          </li>
        ))}
      </ol>
      <ScheduleRevisions page={page} view={view} />
    </>
  );
}
