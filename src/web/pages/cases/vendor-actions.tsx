import { VENDOR_VERDICTS } from "../../../workflow/case/index.ts";
import { CsrfField, Field, SelectField, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { roleLabel } from "../directory/shared.tsx";
import { Checkbox } from "../reports/shared.tsx";
import { ActionBlock } from "./case-layout.tsx";
import {
  type CaseForm,
  type CaseView,
  errorsOf,
  formValue,
  type ParticipantView,
  statusesAllowing,
} from "./shared.tsx";

/** What the vendor's forms need beyond the case: its admin's members picker. */
export interface VendorTools {
  admin: boolean;
  /** The organization's members (for its admins). */
  members: { userId: string; name: string; role: string }[];
  /** Who of them is assigned to the case now. */
  assigned: string[];
}

/** A vendor acknowledges from these (answering again takes it out of `unresponsive`). */
const MAY_ACKNOWLEDGE = statusesAllowing("acknowledge");
const MAY_REPORT_STATUS = statusesAllowing("report_status");
const REPORTED_STATUSES = ["investigating", ...VENDOR_VERDICTS];

/** What each of the vendor's forms is drawn from; `own` is the vendor's participation. */
export interface VendorActionProps {
  page: PageContext;
  view: CaseView;
  own: ParticipantView;
  base: string;
  active: boolean;
  form: CaseForm | null;
  tools: VendorTools;
  /** Whether a folded form is shown open (it is the next step, or it came back refused). */
  unfold: (id: string, formName: string) => boolean;
}

function helpers(props: VendorActionProps) {
  const { page, form } = props;
  const t = page.t;
  return {
    t,
    csrf: () => <CsrfField token={page.csrfToken} />,
    value: (name: string, field: string, fallback = "") => formValue(form, name, field, fallback),
    languageOptions: [
      { value: "", label: t("casePages.vendorText.languageAuto") },
      { value: "ja", label: t("casePages.vendorText.ja"), lang: "ja" },
      { value: "en", label: t("casePages.vendorText.en"), lang: "en" },
    ],
  };
}

export function AcknowledgeAction(props: VendorActionProps) {
  const { own, base, active } = props;
  const { t, csrf } = helpers(props);
  if (!active || !MAY_ACKNOWLEDGE.includes(own.status)) return null;
  return (
    <ActionBlock
      id="action-acknowledge"
      title={t("casePages.acknowledge.heading")}
      rare={false}
      open={props.unfold("action-acknowledge", "acknowledge")}
    >
      <p>{t("casePages.acknowledge.lead")}</p>
      <form method="post" action={`${base}/acknowledge`} class="stack">
        {csrf()}
        <SubmitButton>{t("casePages.acknowledge.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function StatusAction(props: VendorActionProps) {
  const { own, base, active, form } = props;
  const { t, csrf, value } = helpers(props);
  if (!active || !MAY_REPORT_STATUS.includes(own.status)) return null;
  return (
    <ActionBlock
      id="action-status"
      title={t("casePages.vendorStatus.heading")}
      rare={!["acknowledged", "investigating"].includes(own.status)}
      open={props.unfold("action-status", "status")}
    >
      <form method="post" action={`${base}/status`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="status"
          label={t("casePages.vendorStatus.field")}
          required
          value={value(
            "status",
            "status",
            REPORTED_STATUSES.includes(own.status) ? own.status : "",
          )}
          errors={errorsOf(form, "status")}
          options={[
            { value: "", label: t("casePages.choose") },
            ...REPORTED_STATUSES.map((status) => ({
              value: status,
              label: t(`casePages.participant.${status}` as "casePages.participant.affected"),
            })),
          ]}
        />
        <Field
          name="statement"
          label={t("casePages.vendorStatus.statement")}
          hint={t("casePages.vendorStatus.statementHint")}
          multiline
          rows={4}
          value={value("status", "statement")}
          errors={errorsOf(form, "status")}
        />
        <SubmitButton>{t("casePages.vendorStatus.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function CountermeasureAction(props: VendorActionProps) {
  const { view, own, base, active, form } = props;
  const { t, csrf, value, languageOptions } = helpers(props);
  if (own.status !== "affected" || !(active || view.status === "published")) return null;
  return (
    <ActionBlock
      id="action-countermeasure"
      title={t("casePages.countermeasure.heading")}
      rare={(own.countermeasures ?? []).length > 0}
      open={props.unfold("action-countermeasure", "countermeasure")}
    >
      <form method="post" action={`${base}/countermeasures`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="countermeasureType"
          label={t("casePages.countermeasure.type")}
          required
          value={value("countermeasure", "countermeasureType", "fix")}
          errors={errorsOf(form, "countermeasure")}
          options={[
            { value: "fix", label: t("casePages.countermeasure.fix") },
            { value: "workaround", label: t("casePages.countermeasure.workaround") },
          ]}
        />
        <SelectField
          name="countermeasureLanguage"
          label={t("casePages.vendorText.language")}
          value={value("countermeasure", "countermeasureLanguage")}
          errors={errorsOf(form, "countermeasure")}
          options={languageOptions}
        />
        <Field
          name="countermeasureDescription"
          label={t("casePages.countermeasure.description")}
          required
          multiline
          rows={4}
          value={value("countermeasure", "countermeasureDescription")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasureTranslation"
          label={t("casePages.vendorText.translation")}
          hint={t("casePages.vendorText.translationHint")}
          multiline
          rows={4}
          value={value("countermeasure", "countermeasureTranslation")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasureProduct"
          label={t("casePages.countermeasure.product")}
          hint={t("casePages.countermeasure.productHint")}
          value={value("countermeasure", "countermeasureProduct")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasureCpe"
          label={t("casePages.countermeasure.cpe")}
          hint={t("casePages.countermeasure.cpeHint")}
          value={value("countermeasure", "countermeasureCpe")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasurePurl"
          label={t("casePages.countermeasure.purl")}
          hint={t("casePages.countermeasure.purlHint")}
          value={value("countermeasure", "countermeasurePurl")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="affectedVersions"
          label={t("casePages.countermeasure.affectedVersions")}
          hint={t("casePages.countermeasure.versionsHint")}
          value={value("countermeasure", "affectedVersions")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasureRanges"
          label={t("casePages.countermeasure.ranges")}
          hint={t("casePages.countermeasure.rangesHint")}
          multiline
          rows={3}
          value={value("countermeasure", "countermeasureRanges")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="fixedVersions"
          label={t("casePages.countermeasure.fixedVersions")}
          hint={t("casePages.countermeasure.versionsHint")}
          value={value("countermeasure", "fixedVersions")}
          errors={errorsOf(form, "countermeasure")}
        />
        <Field
          name="countermeasureUrl"
          type="url"
          label={t("casePages.countermeasure.url")}
          hint={t("casePages.countermeasure.urlHint")}
          value={value("countermeasure", "countermeasureUrl")}
          errors={errorsOf(form, "countermeasure")}
        />
        <SubmitButton>{t("casePages.countermeasure.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function StatementAction(props: VendorActionProps) {
  const { own, base, active, form } = props;
  const { t, csrf, value, languageOptions } = helpers(props);
  if (!active) return null;
  return (
    <ActionBlock
      id="action-statement"
      title={t("casePages.statement.heading")}
      rare={true}
      open={props.unfold("action-statement", "statement")}
    >
      <p>{t("casePages.statement.lead")}</p>
      <form method="post" action={`${base}/statement`} class="stack" noValidate>
        {csrf()}
        <SelectField
          name="statementLanguage"
          label={t("casePages.vendorText.language")}
          value={value("statement", "statementLanguage", own.statement?.language ?? "")}
          errors={errorsOf(form, "statement")}
          options={languageOptions}
        />
        <Field
          name="statementText"
          label={t("casePages.statement.text")}
          required
          multiline
          rows={4}
          value={value("statement", "statementText", own.statement?.text ?? "")}
          errors={errorsOf(form, "statement")}
        />
        <Field
          name="statementTranslation"
          label={t("casePages.vendorText.translation")}
          hint={t("casePages.vendorText.translationHint")}
          multiline
          rows={4}
          value={value("statement", "statementTranslation", own.statement?.translation ?? "")}
          errors={errorsOf(form, "statement")}
        />
        <Field
          name="advisoryUrl"
          type="url"
          label={t("casePages.statement.advisoryUrl")}
          value={value("statement", "advisoryUrl", own.statement?.advisoryUrl ?? "")}
          errors={errorsOf(form, "statement")}
        />
        <Field
          name="statementContact"
          label={t("casePages.statement.contact")}
          value={value("statement", "statementContact", own.statement?.contact ?? "")}
          errors={errorsOf(form, "statement")}
        />
        <SubmitButton variant="secondary">{t("casePages.statement.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function TrackingAction(props: VendorActionProps) {
  const { own, base, active, form } = props;
  const { t, csrf, value } = helpers(props);
  if (!active) return null;
  return (
    <ActionBlock
      id="action-tracking"
      title={t("casePages.tracking.heading")}
      rare={true}
      open={props.unfold("action-tracking", "tracking")}
    >
      <form method="post" action={`${base}/tracking-id`} class="stack" noValidate>
        {csrf()}
        <Field
          name="trackingId"
          label={t("casePages.tracking.field")}
          hint={t("casePages.tracking.hint")}
          required
          value={value("tracking", "trackingId", own.trackingId ?? "")}
          errors={errorsOf(form, "tracking")}
        />
        <SubmitButton variant="secondary">{t("casePages.tracking.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function ScheduleRequestAction(props: VendorActionProps) {
  const { base, active, form } = props;
  const { t, csrf, value } = helpers(props);
  if (!active) return null;
  return (
    <ActionBlock
      id="action-schedule-request"
      title={t("casePages.scheduleRequest.heading")}
      rare={true}
      open={props.unfold("action-schedule-request", "scheduleRequest")}
    >
      <p>{t("casePages.scheduleRequest.lead")}</p>
      <form method="post" action={`${base}/schedule-requests`} class="stack" noValidate>
        {csrf()}
        <Field
          name="requestPublishAt"
          type="datetime-local"
          label={t("casePages.scheduleRequest.publishAt")}
          hint={t("casePages.form.tokyoTime")}
          required
          value={value("scheduleRequest", "requestPublishAt")}
          errors={errorsOf(form, "scheduleRequest")}
        />
        <Field
          name="requestReason"
          label={t("casePages.scheduleRequest.reason")}
          required
          multiline
          rows={2}
          value={value("scheduleRequest", "requestReason")}
          errors={errorsOf(form, "scheduleRequest")}
        />
        <SubmitButton variant="secondary">{t("casePages.scheduleRequest.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function OthersAction(props: VendorActionProps) {
  const { base, active, form } = props;
  const { t, csrf, value } = helpers(props);
  if (!active) return null;
  return (
    <ActionBlock
      id="action-others"
      title={t("casePages.others.heading")}
      rare={true}
      open={props.unfold("action-others", "others")}
    >
      <p>{t("casePages.others.lead")}</p>
      <form method="post" action={`${base}/others-affected`} class="stack" noValidate>
        {csrf()}
        <Field
          name="otherVendorName"
          label={t("casePages.others.vendorName")}
          required
          value={value("others", "otherVendorName")}
          errors={errorsOf(form, "others")}
        />
        <Field
          name="otherReason"
          label={t("casePages.others.reason")}
          required
          multiline
          rows={2}
          value={value("others", "otherReason")}
          errors={errorsOf(form, "others")}
        />
        <SubmitButton variant="secondary">{t("casePages.others.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}

export function MembersAction(props: VendorActionProps) {
  const { base, form, tools } = props;
  const { t, csrf } = helpers(props);
  if (!tools.admin || tools.members.length === 0) return null;
  const assigned = new Set(
    form?.name === "members" ? (form.values.userIds ?? "").split("\n") : tools.assigned,
  );
  return (
    <ActionBlock
      id="action-members"
      title={t("casePages.members.heading")}
      rare={true}
      open={props.unfold("action-members", "members")}
    >
      <p>{t("casePages.members.lead")}</p>
      <form method="post" action={`${base}/members`} class="stack" noValidate>
        {csrf()}
        <fieldset class="checkbox-group">
          <legend>{t("casePages.members.legend")}</legend>
          {tools.members.map((member) => (
            <Checkbox
              key={member.userId}
              id={`member-${member.userId}`}
              name="userIds"
              value={member.userId}
              label={`${member.name} (${roleLabel(t, member.role)})`}
              checked={assigned.has(member.userId)}
            />
          ))}
        </fieldset>
        <SubmitButton variant="secondary">{t("casePages.members.submit")}</SubmitButton>
      </form>
    </ActionBlock>
  );
}
