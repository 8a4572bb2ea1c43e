import type { ComponentChildren } from "preact";
import type { CasesService } from "../../../modules/cases/cases.service.ts";
import type { RiskView } from "../../../modules/risk/risk.schemas.ts";
import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { ACTIVE_CASE_STATUSES, participantTransitions } from "../../../workflow/case/index.ts";
import type { Deadline, WorkflowPolicy } from "../../../workflow/policy.ts";
import { DateTime, type FieldError } from "../../components.tsx";

/** A product case as one viewer may see it (the presenter's union, every part optional). */
export interface CaseView {
  id: string;
  /** Staff only (R-RISK-1): the case's risk, or its report's until the case has its own. */
  risk?: RiskView | null | undefined;
  caseNumber: string;
  status: string | null;
  title: string;
  source: string;
  openedAt: string;
  firstContactAt: string | null;
  schedule: {
    publishAt: string;
    countermeasureDue: string | null;
    revisions: {
      revision: number;
      at: string;
      publishAt: string;
      countermeasureDue: string | null;
      reason: string;
      setBy: string;
    }[];
  } | null;
  participants: ParticipantView[];
  nextDeadline: NextDeadlineView | null;
  publishedAt: string | null;
  closure: { reason: string; at: string; duplicateOf: string | null } | null;
  /** The advisory's state, and its draft where the viewer may read it (advisories module). */
  advisory?: { status: string; advisoryId?: string };
  reportId?: string | null;
  assigneeUserId?: string | null;
  scheduleRequests?: {
    id: string;
    organizationId: string;
    publishAt: string;
    reason: string;
    status: string;
  }[];
  committee?: { decision: string; at: string } | null;
  /** Vendors' requests for direct contact with the finder (coordinator, desk, the vendor's own). */
  directContacts?: {
    id: string;
    organizationId: string;
    status: string;
    coordinatorApproved: boolean;
    intakeApproved: boolean;
  }[];
  /** Coordinator members not assigned to the case: the report's content is not shown (R-SEC-1). */
  contentWithheld?: true;
  /** Coordinator only: the finder's disclosure plans, flagged when before publication (R-INT-6). */
  disclosurePlans?: {
    id: string;
    plannedAt: string;
    venue: string;
    decision: string | null;
    until: string | null;
    beforePublication: boolean;
  }[];
  /** Coordinator only: vendors' "others may be affected" reports (R-COO-1). */
  othersAffected?: { organizationId: string; vendorName: string; reason: string; at: string }[];
  referrals?: { csirtOrgId: string; at: string }[];
  report?: {
    receiptNumber?: string | undefined;
    receivedAt: string;
    productName: string | null;
    productVersion: string | null;
    vendorName?: string | null | undefined;
    cwe: string | null;
    cvssVector: string | null;
    description: string;
    reproduction: string;
    verificationMethod: string | null;
    attackMethod?: string | undefined;
  };
  finder?: { name: string; email: string } | null;
  credit?: string | null;
  description?: string | null;
  vendorNames?: string[] | undefined;
  conditions?: string | null;
}

export interface ParticipantView {
  organizationId: string;
  name: string | null;
  status: string;
  addedAt: string;
  firstContactAt: string | null;
  acknowledgedAt: string | null;
  unresponsiveSince: string | null;
  ndaOnFile: boolean;
  trackingId?: string | null;
  statement?: {
    text: string;
    advisoryUrl: string | null;
    contact: string | null;
    language?: string;
    translation?: string | null;
    updatedAt: string;
  } | null;
  countermeasures?: {
    id: string;
    type: string;
    description: string;
    language?: string;
    translation?: string | null;
    product?: string | null;
    cpe?: string | null;
    purl?: string | null;
    ranges?: { introduced?: string; fixed?: string; lastAffected?: string }[];
    affectedVersions: string[];
    fixedVersions: string[];
    url: string | null;
    createdAt: string;
  }[];
}

export interface NextDeadlineView {
  kind: "acknowledgement" | "countermeasure" | "publication";
  at: string;
  organizationId: string | null;
}

export type CaseMessage = Awaited<ReturnType<CasesService["messages"]>>["items"][number] & {
  fromOrganizationId?: string | null;
};

/** A form of the case page that came back refused, with what was typed. */
export interface CaseForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

export const ACTIVE_STATUSES: readonly string[] = ACTIVE_CASE_STATUSES;

const CASE_STATUS_LABELS: Record<string, MessageKey> = {
  triage: "casePages.status.triage",
  coordinating: "casePages.status.coordinating",
  countermeasure_ready: "casePages.status.countermeasure_ready",
  published: "casePages.status.published",
  closed: "casePages.status.closed",
  closed_no_action: "casePages.status.closed_no_action",
  closed_duplicate: "casePages.status.closed_duplicate",
};

const PARTICIPANT_STATUS_LABELS: Record<string, MessageKey> = {
  identified: "casePages.participant.identified",
  notified: "casePages.participant.notified",
  acknowledged: "casePages.participant.acknowledged",
  investigating: "casePages.participant.investigating",
  affected: "casePages.participant.affected",
  not_affected: "casePages.participant.not_affected",
  cannot_reproduce: "casePages.participant.cannot_reproduce",
  unresponsive: "casePages.participant.unresponsive",
};

/** What the coordinator expects next from a vendor in this status. */
const EXPECTED: Record<string, MessageKey> = {
  notified: "casePages.expected.notified",
  acknowledged: "casePages.expected.acknowledged",
  investigating: "casePages.expected.investigating",
  affected: "casePages.expected.affected",
  not_affected: "casePages.expected.not_affected",
  cannot_reproduce: "casePages.expected.cannot_reproduce",
  unresponsive: "casePages.expected.unresponsive",
};

const SOURCE_LABELS: Record<string, MessageKey> = {
  report: "casePages.source.report",
  csirt: "casePages.source.csirt",
  self_report: "casePages.source.self_report",
};

const DEADLINE_LABELS: Record<NextDeadlineView["kind"], MessageKey> = {
  acknowledgement: "casePages.deadline.acknowledgement",
  countermeasure: "casePages.deadline.countermeasure",
  publication: "casePages.deadline.publication",
};

const SET_BY_LABELS: Record<string, MessageKey> = {
  default: "casePages.schedule.setBy.default",
  csirt: "casePages.schedule.setBy.csirt",
  coordinator: "casePages.schedule.setBy.coordinator",
};

const REQUEST_STATUS_LABELS: Record<string, MessageKey> = {
  pending: "casePages.request.pending",
  accepted: "casePages.request.accepted",
  declined: "casePages.request.declined",
};

const COUNTERMEASURE_LABELS: Record<string, MessageKey> = {
  workaround: "casePages.countermeasure.workaround",
  fix: "casePages.countermeasure.fix",
};

const label = (table: Record<string, MessageKey>) => (t: Translate, value: string | null) => {
  const key = value ? table[value] : undefined;
  return key ? t(key) : (value ?? "");
};

export const caseStatusLabel = label(CASE_STATUS_LABELS);
export const participantStatusLabel = label(PARTICIPANT_STATUS_LABELS);
export const sourceLabel = label(SOURCE_LABELS);
export const setByLabel = label(SET_BY_LABELS);
export const requestStatusLabel = label(REQUEST_STATUS_LABELS);
export const countermeasureLabel = label(COUNTERMEASURE_LABELS);

export function expectedOf(t: Translate, status: string): string | null {
  const key = EXPECTED[status];
  return key ? t(key) : null;
}

/** "7 calendar days" or "3 business days" (R-COO-15): a deadline says how it counts. */
export function deadlineSpan(t: Translate, deadline: Deadline): string {
  return deadline.unit === "business_days"
    ? t("casePages.span.businessDays", { n: deadline.amount })
    : t("casePages.span.calendarDays", { n: deadline.amount });
}

/** A deadline kind in words, with how it counts where the policy gives a span. */
export function deadlineKindLabel(
  t: Translate,
  policy: WorkflowPolicy,
  kind: NextDeadlineView["kind"],
): string {
  const name = t(DEADLINE_LABELS[kind]);
  if (kind === "acknowledgement") {
    return t("casePages.deadline.withSpan", {
      name,
      span: deadlineSpan(t, policy.vendorAcknowledgement),
    });
  }
  return name;
}

/**
 * The next deadline in words: what, for whom, by when, and whether it is late — said in text
 * ("Overdue"), the class only adds emphasis.
 */
export function DeadlineText(props: {
  t: Translate;
  language: Language;
  policy: WorkflowPolicy;
  deadline: NextDeadlineView | null | undefined;
  now: Date;
  /** Names of the vendors a deadline may be for (the coordinator's view); omitted otherwise. */
  names?: Map<string, string> | undefined;
}) {
  const { t, language, deadline } = props;
  if (!deadline) return <>{t("casePages.deadline.none")}</>;
  const late = Date.parse(deadline.at) <= props.now.getTime();
  const vendor = deadline.organizationId ? props.names?.get(deadline.organizationId) : undefined;
  return (
    <span class={`standing ${late ? "standing-past" : "standing-within"}`}>
      <strong>{late ? t("casePages.deadline.late") : t("casePages.deadline.upcoming")}</strong>{" "}
      {deadlineKindLabel(t, props.policy, deadline.kind)}
      {vendor ? <> — {t("casePages.deadline.from", { name: vendor })}</> : null}
      <span class="hint-inline">
        {late ? t("casePages.deadline.wasDue") : t("casePages.deadline.due")}{" "}
        <DateTime value={deadline.at} language={language} />
      </span>
    </span>
  );
}

/** Japan time has no daylight saving: the offset of every instant the forms take. */
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

/** An instant as a datetime-local value in Japan time ("2027-01-10T09:00"). */
export function tokyoInputValue(iso: string | null | undefined): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  return new Date(ms + TOKYO_OFFSET_MS).toISOString().slice(0, 16);
}

/** The errors of one form of the page, or none when another form came back. */
export function errorsOf(form: CaseForm | null, name: string): FieldError[] {
  return form && form.name === name ? form.errors : [];
}

/** What the form sent back, or the current value when that form was not sent. */
export function formValue(
  form: CaseForm | null,
  name: string,
  field: string,
  fallback = "",
): string {
  return form && form.name === name ? (form.values[field] ?? "") : fallback;
}

/** One term and its description in a summary list. */
export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export { CASE_STATUSES } from "../../../workflow/case/index.ts";

/** The participant statuses from which the machine allows this command (its transition table). */
export function statusesAllowing(command: string): readonly string[] {
  return participantTransitions
    .filter((t) => t.on === command && t.from !== null)
    .map((t) => t.from as string);
}
