import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Tx } from "../../platform/db/database.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/index.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import type { CaseRecordsReader } from "../cases/case-records.ts";
import {
  composeAdvisory,
  currentRecordsOf,
  organizationNames,
  publicStatus,
} from "./advisories.composition.ts";
import { publishedVendorStatuses, readAdvisory, writeAdvisory } from "./advisories.repository.ts";
import type { HistoryEntry, PublicAdvisory } from "./advisories.schemas.ts";
import { type LoadedDraft, loadDraft } from "./advisory-draft.ts";

/**
 * Writes the public advisory in the transaction of the change that published it, and keeps it
 * current afterwards — all inside the workflow's transactions, so a crash or a restart can
 * neither lose a publication nor make a second one (R-COO-4, R-PUB-2): the `case_published`
 * event exists once, and this runs exactly when it is appended.
 */
export function createAdvisoryPublisher(deps: {
  cipher: FieldCipher;
  clock: Clock;
  caseRecords: CaseRecordsReader;
}): WorkflowObserver {
  const { cipher, caseRecords } = deps;

  /** At the publication instant: the approved draft, with the statements the event names. */
  async function publish(tx: Tx, caseId: string, state: CaseState, published: PublishedEvent) {
    const loaded = await loadDraft(tx, cipher, caseId);
    if (!loaded || loaded.row.revision !== published.advisoryRevision) {
      // The draft and the workflow's revision are written together (advisories.service):
      // publishing anything else would publish the wrong text.
      throw new Error(
        `case ${caseId}: no advisory draft at revision ${published.advisoryRevision}`,
      );
    }
    const advisory = await composeAdvisory(tx, caseRecords, {
      state,
      loaded,
      statements: published.statements,
      countermeasures: published.countermeasures,
      credit: published.credit,
      publishedAt: published.publishedAt,
      updatedAt: published.publishedAt,
      history: [{ at: published.publishedAt, kind: "published" }],
    });
    await writeAdvisory(tx, caseId, advisory);
  }

  /** After publication: what reaches the public channel updates the advisory (R-PUB-6). */
  async function update(tx: Tx, caseId: string, state: CaseState, publicEvents: CaseEvent[]) {
    const publication = state.publication;
    const current = await readAdvisory(tx, { caseId });
    const loaded = await loadDraft(tx, cipher, caseId);
    if (!publication || !current || !loaded) return;
    const at = publicEvents.at(-1)?.at ?? deps.clock.now().toISOString();
    const history = [
      ...current.history,
      ...(await historyOf(tx, state, current, loaded, publicEvents)),
    ];
    // Countermeasures keep the instant they became public: those of the publication its
    // instant, later ones the instant they were added.
    const inPublication = new Set(publication.countermeasures.map((c) => c.countermeasureId));
    const countermeasurePublishedAt = new Map(
      state.participants.flatMap((p) =>
        p.countermeasures.map(
          (c) => [c.id, inPublication.has(c.id) ? publication.publishedAt : c.at] as const,
        ),
      ),
    );
    const advisory = await composeAdvisory(tx, caseRecords, {
      state,
      loaded,
      ...currentRecordsOf(state),
      credit: publication.credit,
      publishedAt: publication.publishedAt,
      updatedAt: at,
      countermeasurePublishedAt,
      history,
    });
    await writeAdvisory(tx, caseId, advisory);
  }

  return async (tx, change) => {
    if (change.aggregate !== "case") return;
    const state = change.state as CaseState;
    if (!state.publication) return;
    const events = change.events as readonly CaseEvent[];
    const published = events.find((e): e is PublishedEvent => e.type === "case_published");
    if (published) return publish(tx, change.id, state, published);
    const publicEvents = events.filter((e) =>
      e.audience.some((r) => r.kind === "public" && r.channel === "advisory"),
    );
    if (publicEvents.length > 0) await update(tx, change.id, state, publicEvents);
  };
}

type PublishedEvent = Extract<CaseEvent, { type: "case_published" }>;

/** The public history entries of the events that reached the advisory's channel. */
async function historyOf(
  tx: Tx,
  state: CaseState,
  current: PublicAdvisory,
  loaded: LoadedDraft,
  publicEvents: CaseEvent[],
): Promise<HistoryEntry[]> {
  const stored = await publishedVendorStatuses(tx, current.advisoryId);
  const names = await organizationNames(tx, [
    ...new Set([
      ...stored.map((v) => v.organization_id),
      ...publicEvents.flatMap((e) => ("orgId" in e ? [e.orgId] : [])),
    ]),
  ]);
  const vendorName = (orgId: string) => names.get(orgId) ?? "";
  const history: HistoryEntry[] = [];
  for (const event of publicEvents) {
    switch (event.type) {
      case "advisory_updated":
        history.push({
          at: event.at,
          kind: "updated",
          ...(loaded.draft.changeNote ? { note: loaded.draft.changeNote } : {}),
        });
        break;
      case "countermeasure_added":
        history.push({
          at: event.at,
          kind: "countermeasure_added",
          vendor: vendorName(event.orgId),
          countermeasureType: event.countermeasureType,
        });
        break;
      case "statement_set":
        history.push({ at: event.at, kind: "statement_updated", vendor: vendorName(event.orgId) });
        break;
      case "participant_status_reported":
      case "participant_acknowledged": {
        const p = state.participants.find((x) => x.orgId === event.orgId);
        const name = vendorName(event.orgId);
        const previous = stored.find((v) => v.organization_id === event.orgId)?.status;
        const now = p ? publicStatus(p) : undefined;
        if (now && previous !== now) {
          history.push({ at: event.at, kind: "vendor_status_changed", vendor: name, status: now });
        }
        if (event.type === "participant_status_reported" && event.statementId) {
          history.push({ at: event.at, kind: "statement_updated", vendor: name });
        }
        break;
      }
      default:
        break;
    }
  }
  return history;
}
