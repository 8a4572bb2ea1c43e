import type { VendorSuggestion } from "../../../modules/cases/vendor-suggestions.ts";
import type { CaseNdaStatus } from "../../../modules/organizations/nda.service.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { CsrfField, Field, SelectField, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { ActionBlock } from "./case-layout.tsx";
import {
  type CaseForm,
  type CaseView,
  errorsOf,
  formValue,
  participantStatusLabel,
  statusesAllowing,
  tokyoInputValue,
} from "./shared.tsx";

/** What the coordinator's forms choose from. */
export interface CoordinatorTools {
  suggestions: VendorSuggestion[];
  /** The directory's vendors not on the case yet. */
  vendors: { id: string; name: string; ndaOnFile: boolean }[];
  /** The coordinator's members, for the handler. */
  members: { userId: string; name: string }[];
  csirts: { id: string; name: string }[];
  /** The NDAs of the case's vendors, from the directory. */
  nda?: CaseNdaStatus | undefined;
}

const REASON_LABELS: Record<string, MessageKey> = {
  vendor_name: "casePages.suggestions.reason.vendor_name",
  product_name: "casePages.suggestions.reason.product_name",
  cpe: "casePages.suggestions.reason.cpe",
  keyword: "casePages.suggestions.reason.keyword",
  text: "casePages.suggestions.reason.text",
};

function reasonText(t: Translate, reason: { kind: string; detail: string }): string {
  const key = REASON_LABELS[reason.kind];
  return key ? t(key, { detail: reason.detail }) : reason.detail;
}

/** Statuses from which the coordinator may mark a vendor unresponsive (after notification). */
const MARKABLE = statusesAllowing("mark_unresponsive");

/** What each of the coordinator's forms is drawn from. */
export interface CoordinatorActionProps {
  page: PageContext;
  view: CaseView;
  base: string;
  form: CaseForm | null;
  tools: CoordinatorTools;
  /** Whether a folded form is shown open (it is the next step, or it came back refused). */
  unfold: (id: string, formName: string) => boolean;
}

function helpers(props: CoordinatorActionProps) {
  const { page, form } = props;
  return {
    t: page.t,
    csrf: () => <CsrfField token={page.csrfToken} />,
    value: (name: string, field: string, fallback = "") => formValue(form, name, field, fallback),
  };
}

export function AssignAction(props: CoordinatorActionProps) {
  const { view, base, form, tools } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-assign"
      title={t("casePages.assign.heading")}
      rare={Boolean(view.assigneeUserId)}
      open={props.unfold("action-assign", "assign")}
    >
      <form method="post" action={`${base}/assign`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="assigneeUserId"
          label={t("casePages.assign.user")}
          required
          value={value("assign", "assigneeUserId", view.assigneeUserId ?? "")}
          errors={errorsOf(form, "assign")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...tools.members.map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
        <SubmitButton variant="secondary">{t("casePages.assign.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function AddVendorAction(props: CoordinatorActionProps) {
  const { view, base, form, tools } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-add-vendor"
      title={t("casePages.addVendor.heading")}
      rare={view.status !== "triage"}
      open={props.unfold("action-add-vendor", "addVendor")}
    >
      <p>{t("casePages.addVendor.lead")}</p>
      {tools.suggestions.length === 0 ? (
        <p>{t("casePages.suggestions.none")}</p>
      ) : (
        <ol class="suggestions" aria-label={t("casePages.suggestions.heading")}>
          {tools.suggestions.map((suggestion) => (
            <li key={suggestion.organizationId}>
              <p>
                <strong>{suggestion.name}</strong>
              </p>
              <ul>
                {suggestion.reasons.map((reason) => (
                  <li key={`${reason.kind}:${reason.detail}`}>{reasonText(t, reason)}</li>
                ))}
              </ul>
              <form method="post" action={`${base}/vendors`}>
                {csrf()}
                <input type="hidden" name="organizationId" value={suggestion.organizationId} />
                <SubmitButton variant="secondary">
                  {t("casePages.addVendor.addNamed", { name: suggestion.name })}
                </SubmitButton>
              </form>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`${base}/vendors`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="organizationId"
          label={t("casePages.addVendor.vendor")}
          hint={t("casePages.addVendor.vendorHint")}
          required
          value={value("addVendor", "organizationId")}
          errors={errorsOf(form, "addVendor")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...tools.vendors.map((v) => ({
              value: v.id,
              label: v.ndaOnFile ? v.name : t("casePages.addVendor.noNda", { name: v.name }),
            })),
          ]}
        />
        <Field
          name="addReason"
          label={t("casePages.addVendor.reason")}
          value={value("addVendor", "addReason")}
          errors={errorsOf(form, "addVendor")}
        />
        <SubmitButton variant="secondary">{t("casePages.addVendor.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function ScheduleAction(props: CoordinatorActionProps) {
  const { view, base, form } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-schedule"
      title={t("casePages.revise.heading")}
      rare={view.schedule !== null}
      open={props.unfold("action-schedule", "schedule")}
    >
      <p>{t("casePages.revise.lead")}</p>
      <form method="post" action={`${base}/schedule`} class="stack" noValidate>
        {csrf()}
        <Field
          name="publishAt"
          type="datetime-local"
          label={t("casePages.schedule.publishAt")}
          hint={t("casePages.form.tokyoTime")}
          required
          value={value("schedule", "publishAt", tokyoInputValue(view.schedule?.publishAt))}
          errors={errorsOf(form, "schedule")}
        />
        <Field
          name="countermeasureDue"
          type="datetime-local"
          label={t("casePages.schedule.countermeasureDue")}
          hint={t("casePages.form.tokyoTime")}
          value={value(
            "schedule",
            "countermeasureDue",
            tokyoInputValue(view.schedule?.countermeasureDue),
          )}
          errors={errorsOf(form, "schedule")}
        />
        <Field
          name="scheduleReason"
          label={t("casePages.revise.reason")}
          required
          multiline
          rows={2}
          value={value("schedule", "scheduleReason")}
          errors={errorsOf(form, "schedule")}
        />
        <Field
          name="exceedReason"
          label={t("casePages.revise.exceedReason")}
          hint={t("casePages.revise.exceedReasonHint")}
          multiline
          rows={2}
          value={value("schedule", "exceedReason")}
          errors={errorsOf(form, "schedule")}
        />
        <SubmitButton>{t("casePages.revise.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function DecideAction(props: CoordinatorActionProps) {
  const { view, base, form } = props;
  const { t, csrf, value } = helpers(props);
  const pending = (view.scheduleRequests ?? []).filter((r) => r.status === "pending");
  if (pending.length === 0) return null;
  const names = new Map(view.participants.map((p) => [p.organizationId, p.name ?? ""]));
  return (
    <ActionBlock
      id="action-decide"
      title={t("casePages.decide.heading")}
      rare={false}
      open={props.unfold("action-decide", "decide")}
    >
      <form method="post" action={`${base}/schedule-requests/decide`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="requestId"
          label={t("casePages.decide.request")}
          required
          value={value("decide", "requestId", pending[0]?.id ?? "")}
          errors={errorsOf(form, "decide")}
          options={pending.map((r) => ({
            value: r.id,
            label: t("casePages.decide.requestLabel", {
              name: names.get(r.organizationId) ?? "",
              date: tokyoInputValue(r.publishAt).replace("T", " "),
            }),
          }))}
        />
        <SelectField
          name="decision"
          label={t("casePages.decide.decision")}
          required
          value={value("decide", "decision", "accept")}
          errors={errorsOf(form, "decide")}
          options={[
            { value: "accept", label: t("casePages.decide.accept") },
            { value: "decline", label: t("casePages.decide.decline") },
          ]}
        />
        <Field
          name="decisionReason"
          label={t("casePages.decide.reason")}
          required
          multiline
          rows={2}
          value={value("decide", "decisionReason")}
          errors={errorsOf(form, "decide")}
        />
        <Field
          name="decisionExceedReason"
          label={t("casePages.revise.exceedReason")}
          hint={t("casePages.revise.exceedReasonHint")}
          value={value("decide", "decisionExceedReason")}
          errors={errorsOf(form, "decide")}
        />
        <SubmitButton variant="secondary">{t("casePages.decide.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function UnresponsiveAction(props: CoordinatorActionProps) {
  const { view, base, form } = props;
  const { t, csrf, value } = helpers(props);
  const markable = view.participants.filter((p) => MARKABLE.includes(p.status));
  if (markable.length === 0) return null;
  return (
    <ActionBlock
      id="action-unresponsive"
      title={t("casePages.unresponsive.heading")}
      rare={true}
      open={props.unfold("action-unresponsive", "unresponsive")}
    >
      <form method="post" action={`${base}/mark-unresponsive`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="unresponsiveOrgId"
          label={t("casePages.unresponsive.vendor")}
          required
          value={value("unresponsive", "unresponsiveOrgId")}
          errors={errorsOf(form, "unresponsive")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...markable.map((p) => ({
              value: p.organizationId,
              label: `${p.name ?? ""} (${participantStatusLabel(t, p.status)})`,
            })),
          ]}
        />
        <Field
          name="unresponsiveNote"
          label={t("casePages.unresponsive.note")}
          required
          multiline
          rows={2}
          value={value("unresponsive", "unresponsiveNote")}
          errors={errorsOf(form, "unresponsive")}
        />
        <SubmitButton variant="danger">{t("casePages.unresponsive.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function UnreachableAction(props: CoordinatorActionProps) {
  const { view, base, form } = props;
  const { t, csrf, value } = helpers(props);
  const unresponsive = view.participants.filter((p) => p.status === "unresponsive");
  if (unresponsive.length === 0) return null;
  return (
    <ActionBlock
      id="action-unreachable"
      title={t("contactPages.unreachable.heading")}
      rare={true}
      open={props.unfold("action-unreachable", "unreachable")}
    >
      <p>{t("contactPages.unreachable.lead")}</p>
      <form method="post" action={`${base}/publish-unreachable`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="unreachableOrgId"
          label={t("contactPages.unreachable.vendor")}
          required
          value={value("unreachable", "unreachableOrgId")}
          errors={errorsOf(form, "unreachable")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...unresponsive.map((p) => ({ value: p.organizationId, label: p.name ?? "" })),
          ]}
        />
        <SelectField
          name="unreachableStage"
          label={t("contactPages.unreachable.stage")}
          required
          value={value("unreachable", "unreachableStage", "name")}
          errors={errorsOf(form, "unreachable")}
          options={[
            { value: "name", label: t("contactPages.unreachable.stage.name") },
            { value: "product", label: t("contactPages.unreachable.stage.product") },
          ]}
        />
        <Field
          name="unreachableDecision"
          label={t("contactPages.unreachable.decision")}
          hint={t("contactPages.unreachable.decisionHint")}
          required
          multiline
          rows={2}
          value={value("unreachable", "unreachableDecision")}
          errors={errorsOf(form, "unreachable")}
        />
        <SubmitButton variant="danger">{t("contactPages.unreachable.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function CommitteeAction(props: CoordinatorActionProps) {
  const { base, form } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-committee"
      title={t("casePages.committee.heading")}
      rare={true}
      open={props.unfold("action-committee", "committee")}
    >
      <form method="post" action={`${base}/committee-decision`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="committeeDecision"
          label={t("casePages.committee.decision")}
          required
          value={value("committee", "committeeDecision")}
          errors={errorsOf(form, "committee")}
          options={[
            { value: "", label: t("casePages.choose") },
            { value: "publish", label: t("casePages.committee.publish") },
            { value: "do_not_publish", label: t("casePages.committee.do_not_publish") },
          ]}
        />
        <Field
          name="committeeSummary"
          label={t("casePages.committee.summary")}
          required
          multiline
          rows={3}
          value={value("committee", "committeeSummary")}
          errors={errorsOf(form, "committee")}
        />
        <SubmitButton variant="secondary">{t("casePages.committee.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function ReferAction(props: CoordinatorActionProps) {
  const { base, form, tools } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-refer"
      title={t("casePages.refer.heading")}
      rare={true}
      open={props.unfold("action-refer", "refer")}
    >
      <form method="post" action={`${base}/refer-to-csirt`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="csirtOrganizationId"
          label={t("casePages.refer.csirt")}
          required
          value={value("refer", "csirtOrganizationId")}
          errors={errorsOf(form, "refer")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...tools.csirts.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Field
          name="referNote"
          label={t("casePages.refer.note")}
          hint={t("casePages.refer.noteHint")}
          required
          multiline
          rows={2}
          value={value("refer", "referNote")}
          errors={errorsOf(form, "refer")}
        />
        <SubmitButton variant="secondary">{t("casePages.refer.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function CloseAction(props: CoordinatorActionProps) {
  const { base, form } = props;
  const { t, csrf, value } = helpers(props);
  return (
    <ActionBlock
      id="action-close"
      title={t("casePages.close.heading")}
      rare={true}
      open={props.unfold("action-close", "close")}
    >
      <p>{t("casePages.close.lead")}</p>
      <form method="post" action={`${base}/close`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="closeReason"
          label={t("casePages.close.reason")}
          required
          value={value("close", "closeReason")}
          errors={errorsOf(form, "close")}
          options={[
            { value: "", label: t("casePages.choose") },
            { value: "no_action", label: t("casePages.close.no_action") },
            { value: "duplicate", label: t("casePages.close.duplicate") },
          ]}
        />
        <Field
          name="duplicateOf"
          label={t("casePages.close.duplicateOf")}
          hint={t("casePages.close.duplicateOfHint")}
          value={value("close", "duplicateOf")}
          errors={errorsOf(form, "close")}
        />
        <Field
          name="closeMessage"
          label={t("casePages.close.message")}
          hint={t("casePages.close.messageHint")}
          required
          multiline
          rows={3}
          value={value("close", "closeMessage")}
          errors={errorsOf(form, "close")}
        />
        <SubmitButton variant="danger">{t("casePages.close.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}
