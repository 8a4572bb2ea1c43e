import { SECTORS } from "../../../modules/organizations/organizations.schemas.ts";
import type {
  CaseProvisionItem,
  ProvisionView,
} from "../../../modules/priority/priority.schemas.ts";
import { PACKAGE_KINDS } from "../../../workflow/priority-provision/index.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import {
  kindLabel,
  type PriorityForm,
  sectorLabel,
  sectorList,
  statusLabel,
  WithDate,
} from "./shared.tsx";

export interface CasePriorityProps {
  page: PageContext;
  caseId: string;
  /** The case's number; for the finder, their report's receipt number. */
  reference: string;
  /** For the finder: their report, where the back link leads. */
  reportId: string | null;
  viewer: "desk" | "staff" | "coordinator" | "vendor" | "finder";
  items: CaseProvisionItem[];
  recipients: { id: string; name: string; sector: string | null }[];
  /** For the desk: the packages' texts, by package id. */
  packageTexts: Map<string, string>;
  notice: boolean;
  /** A form shown again with its problems and what was typed. */
  form: PriorityForm | null;
}

const OPEN = ["consulting", "ready", "sent"];

/** The shown form's errors, translated, when `which` (of provision `pid`) is the form shown again. */
function errorsOf(
  props: CasePriorityProps,
  which: PriorityForm["form"],
  pid?: string,
): FieldError[] {
  const form = props.form;
  if (!form || form.form !== which || (pid !== undefined && form.provisionId !== pid)) return [];
  return form.errors.map((e) => ({ path: e.path, message: props.page.t(e.key) }));
}

function typedValue(props: CasePriorityProps, which: PriorityForm["form"], name: string): string {
  const value = props.form?.form === which ? props.form.values[name] : undefined;
  return typeof value === "string" ? value : "";
}

function listOf(props: CasePriorityProps, name: string): string[] {
  const value = props.form?.form === "start" ? props.form.values[name] : undefined;
  return Array.isArray(value) ? value : [];
}

/**
 * A case's priority provision: the desk's tools (start, agreements, the finder's notice,
 * packages, send, revoke, deliveries and reads); the coordinator's and the vendors' agreement
 * form; after publication, for the finder and the vendors, when and to which sectors.
 */
export function CasePriorityPage(props: CasePriorityProps) {
  const { page, items } = props;
  const { t, language } = page;
  const afterPublication = items.length > 0 && items.every((i) => i.id === undefined);
  const anyOpen = items.some((i) => i.status !== undefined && OPEN.includes(i.status));
  const errors = props.form ? errorsOf(props, props.form.form, props.form.provisionId) : [];
  const title = t("priority.case.title", { reference: props.reference });
  return (
    <Layout
      page={page}
      title={errors.length > 0 ? `${t("priority.error.summary")}: ${title}` : title}
    >
      <p>
        {props.viewer === "finder" ? (
          <a href={props.reportId ? `/reports/${encodeURIComponent(props.reportId)}` : "/reports"}>
            {t("priority.case.backToReport")}
          </a>
        ) : (
          <a href={`/cases/${encodeURIComponent(props.caseId)}`}>{t("priority.case.back")}</a>
        )}
      </p>
      <h1>
        {t("priority.case.heading")} <span class="mono">{props.reference}</span>
      </h1>
      {props.notice ? <Notice kind="success">{t("priority.case.done")}</Notice> : null}
      <div id="priority-error">
        <ErrorSummary title={t("priority.error.summary")} errors={errors} />
      </div>
      <p class="lead">{t("priority.case.lead")}</p>
      {props.viewer === "desk" ? (
        <p>
          <a href="/priority-copies/trace">{t("priority.case.traceLink")}</a>
        </p>
      ) : null}
      {afterPublication || props.viewer === "finder" ? (
        <section id="priority-after" aria-labelledby="priority-after-heading">
          <h2 id="priority-after-heading">{t("priority.case.after")}</h2>
          {items.length === 0 ? (
            <p>{t("priority.case.afterNone")}</p>
          ) : (
            <ul>
              {items.map((item) => (
                <li key={`${item.sentAt}`} class="priority-after-item">
                  {item.sentAt ? <DateTime value={item.sentAt} language={language} /> : null}{" "}
                  {sectorList(t, item.sectors)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <>
          {items.length === 0 ? <p>{t("priority.case.none")}</p> : null}
          {items.map((item) => (
            <ProvisionBlock key={item.id} {...props} item={item} />
          ))}
          {props.viewer === "desk" ? (
            anyOpen ? (
              <p class="hint" id="priority-start-hidden">
                {t("priority.case.startHidden")}
              </p>
            ) : (
              <StartForm {...props} />
            )
          ) : null}
        </>
      )}
    </Layout>
  );
}

function ProvisionBlock(props: CasePriorityProps & { item: CaseProvisionItem }) {
  const { page, item } = props;
  const { t, language } = page;
  const provision = item.provision;
  const pid = item.id ?? "";
  const base = `/priority-provisions/${encodeURIComponent(pid)}`;
  const open = item.status !== undefined && OPEN.includes(item.status);
  const desk = props.viewer === "desk";
  const headingId = `provision-${pid}-heading`;
  return (
    <section class="priority-provision" id={`provision-${pid}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t("priority.case.heading")}
        {provision ? (
          <>
            {" — "}
            <WithDate
              t={t}
              message="priority.case.provision"
              date={<DateTime value={provision.startedAt} language={language} />}
            />
          </>
        ) : null}
      </h2>
      <dl class="report-summary priority-facts">
        <dt>{t("priority.case.status")}</dt>
        <dd class="priority-status">{statusLabel(t, item.status)}</dd>
        <dt>{t("priority.case.reason")}</dt>
        <dd>{item.reason}</dd>
        <dt>{t("priority.case.sectors")}</dt>
        <dd>{sectorList(t, item.sectors)}</dd>
      </dl>
      {provision ? <ProvisionDetail {...props} provision={provision} /> : null}
      {(props.viewer === "coordinator" || props.viewer === "vendor") &&
      item.status === "consulting" &&
      !item.ownAnswer ? (
        <AgreementForm {...props} item={item} base={base} />
      ) : null}
      {item.ownAnswer ? (
        <p>
          {t("priority.case.answered", { answer: t(`priority.case.answer.${item.ownAnswer}`) })}
        </p>
      ) : null}
      {desk && open ? (
        <div class="priority-desk-actions">
          {provision && !provision.finderNotifiedAt && item.status !== "sent" ? (
            <form method="post" action={`${base}/finder-notice`} class="stack">
              <CsrfField token={page.csrfToken} />
              <SubmitButton variant="secondary">{t("priority.case.finderButton")}</SubmitButton>
            </form>
          ) : null}
          <PackageForm {...props} pid={pid} base={base} />
          {item.status !== "sent" ? (
            <form method="post" action={`${base}/send`} class="stack">
              <h3>{t("priority.case.send")}</h3>
              <CsrfField token={page.csrfToken} />
              <p class="hint">{t("priority.case.sendHint")}</p>
              <SubmitButton>{t("priority.case.send")}</SubmitButton>
            </form>
          ) : null}
          <RevokeForm {...props} pid={pid} base={base} />
        </div>
      ) : null}
    </section>
  );
}

/** The coordinator's or a vendor's answer: no default choice; to whom and what kinds. */
function AgreementForm(props: CasePriorityProps & { item: CaseProvisionItem; base: string }) {
  const { page, item } = props;
  const { t } = page;
  const errors = errorsOf(props, "agreement", item.id);
  const decision = typedValue(props, "agreement", "decision");
  const decisionError = errors.find((e) => e.path === "decision");
  const recipients =
    item.recipients ??
    item.provision?.recipients.map((r) => ({ name: r.name, sector: r.sector })) ??
    [];
  const kinds = item.packageKinds ?? [
    ...new Set(item.provision?.packages.map((p) => p.kind) ?? []),
  ];
  return (
    <form method="post" action={`${props.base}/agreement`} class="stack priority-agreement">
      <CsrfField token={page.csrfToken} />
      <h3>{t("priority.case.asked")}</h3>
      <dl class="report-summary priority-asked">
        <dt>{t("priority.case.recipients")}</dt>
        <dd>
          <ul>
            {recipients.map((r) => (
              <li key={r.name}>
                {t("priority.sector.label", { name: r.name, sector: sectorLabel(t, r.sector) })}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("priority.case.askedKinds")}</dt>
        <dd>
          {kinds.length === 0
            ? t("priority.case.askedKindsNone")
            : kinds.map((k) => kindLabel(t, k)).join(t("priority.list.separator"))}
        </dd>
      </dl>
      <ChoiceGroup
        name="decision"
        type="radio"
        required
        legend={t("priority.case.yourAgreement")}
        error={decisionError?.message}
        chosen={decision ? [decision] : []}
        choices={(["agree", "object"] as const).map((value) => ({
          value,
          label: t(value === "agree" ? "priority.case.agree" : "priority.case.object"),
        }))}
      />
      <Field
        name="reason"
        label={t("priority.case.objectReason")}
        multiline
        rows={3}
        value={typedValue(props, "agreement", "reason")}
        errors={errors}
      />
      <SubmitButton>{t("priority.case.answerButton")}</SubmitButton>
    </form>
  );
}

function PackageForm(props: CasePriorityProps & { pid: string; base: string }) {
  const { t } = props.page;
  const errors = errorsOf(props, "package", props.pid);
  const fileError = errors.find((e) => e.path === "file");
  return (
    <form
      method="post"
      action={`${props.base}/packages`}
      enctype="multipart/form-data"
      class="stack priority-package-form"
      noValidate
    >
      <h3>{t("priority.case.addPackage")}</h3>
      <CsrfField token={props.page.csrfToken} />
      <SelectField
        name="kind"
        label={t("priority.case.packageKind")}
        required
        value={typedValue(props, "package", "kind")}
        errors={errors}
        options={PACKAGE_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
      />
      <Field
        name="title"
        label={t("priority.case.packageTitle")}
        required
        value={typedValue(props, "package", "title")}
        errors={errors}
      />
      <Field
        name="body"
        label={t("priority.case.packageBody")}
        required
        multiline
        rows={5}
        value={typedValue(props, "package", "body")}
        errors={errors}
      />
      <div class={fileError ? "field field-error" : "field"}>
        <label for="field-file">{t("priority.case.packageFiles")}</label>
        {fileError ? <p class="error-message">{fileError.message}</p> : null}
        <input id="field-file" name="file" type="file" multiple />
      </div>
      <SubmitButton variant="secondary">{t("priority.case.addButton")}</SubmitButton>
    </form>
  );
}

/** Revoking ends access for good: a danger button behind a ticked confirmation. */
function RevokeForm(props: CasePriorityProps & { pid: string; base: string }) {
  const { t } = props.page;
  const error = errorsOf(props, "revoke", props.pid).find((e) => e.path === "confirm");
  return (
    <form method="post" action={`${props.base}/revoke`} class="stack priority-revoke">
      <h3>{t("priority.case.revokeHeading")}</h3>
      <CsrfField token={props.page.csrfToken} />
      <div class={error ? "field-error" : undefined}>
        {error ? <p class="error-message">{error.message}</p> : null}
        <p class="checkbox">
          <input type="checkbox" id="field-confirm" name="confirm" value="yes" required />{" "}
          <label for="field-confirm">{t("priority.case.revokeConfirm")}</label>
        </p>
      </div>
      <SubmitButton variant="danger">{t("priority.case.revoke")}</SubmitButton>
    </form>
  );
}

function ProvisionDetail(props: CasePriorityProps & { provision: ProvisionView }) {
  const { page, provision } = props;
  const { t, language } = page;
  const recipientName = new Map(provision.recipients.map((r) => [r.organizationId, r.name]));
  const packageTitle = new Map(provision.packages.map((p) => [p.id, p.title]));
  return (
    <>
      <h3>{t("priority.case.recipients")}</h3>
      <ul class="priority-recipients">
        {provision.recipients.map((r) => (
          <li key={r.organizationId}>
            {t("priority.sector.label", { name: r.name, sector: sectorLabel(t, r.sector) })} —{" "}
            {r.ndaAccepted ? t("priority.case.ndaAccepted") : t("priority.case.ndaMissing")}
          </li>
        ))}
      </ul>
      <h3>{t("priority.case.agreements")}</h3>
      <ul class="priority-agreements">
        {provision.agreements.map((a) => (
          <li key={a.organizationId ?? "coordinator"}>
            {a.kind === "coordinator" ? t("priority.case.party.coordinator") : a.name}:{" "}
            {a.decision ? t(`priority.case.answer.${a.decision}`) : t("priority.case.answer.none")}
            {a.reason ? ` — ${a.reason}` : ""}
          </li>
        ))}
      </ul>
      <h3>{t("priority.case.finderNotice")}</h3>
      <p id={`finder-notice-${provision.id}`}>
        {provision.finderNotifiedAt ? (
          <WithDate
            t={t}
            message="priority.case.finderNotified"
            date={<DateTime value={provision.finderNotifiedAt} language={language} />}
          />
        ) : (
          t("priority.case.finderNotYet")
        )}
      </p>
      <h3>{t("priority.case.packages")}</h3>
      {provision.packages.length === 0 ? (
        <p>{t("priority.case.noPackages")}</p>
      ) : (
        <ul class="priority-packages">
          {provision.packages.map((p) => {
            const text = props.packageTexts.get(p.id);
            return (
              <li key={p.id}>
                {kindLabel(t, p.kind)}: {p.title}
                {p.files.length > 0
                  ? ` (${p.files.map((f) => f.name).join(t("priority.list.separator"))})`
                  : ""}
                {text !== undefined ? (
                  <details class="priority-package-text">
                    <summary>{t("priority.case.packageText")}</summary>
                    <div class="priority-copy">{text}</div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t("priority.case.deliveries")}</h3>
      {provision.deliveries.length === 0 ? (
        <p>{t("priority.case.noDeliveries")}</p>
      ) : (
        <table class="priority-deliveries">
          <thead>
            <tr>
              <th scope="col">{t("priority.case.recipients")}</th>
              <th scope="col">{t("priority.case.packages")}</th>
              <th scope="col">{t("priority.case.copy", { code: "" })}</th>
              <th scope="col">{t("priority.case.reads")}</th>
            </tr>
          </thead>
          <tbody>
            {provision.deliveries.map((d) => (
              <tr key={d.copyCode}>
                <td>{recipientName.get(d.organizationId) ?? d.organizationId}</td>
                <td>{packageTitle.get(d.packageId) ?? ""}</td>
                <td class="mono">{d.copyCode}</td>
                <td>
                  {d.reads.length === 0
                    ? t("priority.case.notRead")
                    : d.reads.map((r) => (
                        <div key={`${r.userId}${r.at}`}>
                          {r.name} <DateTime value={r.at} language={language} />
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function StartForm(props: CasePriorityProps) {
  const { page, recipients } = props;
  const { t } = page;
  const errors = errorsOf(props, "start");
  const sectorError = errors.find((e) => e.path === "sectors");
  const recipientError = errors.find((e) => e.path === "recipientOrganizationIds");
  const sectors = listOf(props, "sectors");
  const chosen = listOf(props, "recipientOrganizationIds");
  return (
    <section id="priority-start" aria-labelledby="priority-start-heading">
      <h2 id="priority-start-heading">{t("priority.case.start")}</h2>
      <form
        method="post"
        action={`/cases/${encodeURIComponent(props.caseId)}/priority/start`}
        class="stack"
        noValidate
      >
        <CsrfField token={page.csrfToken} />
        <Field
          name="reason"
          label={t("priority.case.reason")}
          required
          multiline
          rows={3}
          value={typedValue(props, "start", "reason")}
          errors={errors}
        />
        <ChoiceGroup
          name="sectors"
          legend={t("priority.case.sectors")}
          error={sectorError?.message}
          chosen={sectors}
          choices={SECTORS.map((sector) => ({ value: sector, label: sectorLabel(t, sector) }))}
        />
        <ChoiceGroup
          name="recipientOrganizationIds"
          legend={t("priority.case.recipients")}
          hint={t("priority.case.recipientsHint")}
          error={recipientError?.message}
          empty={t("priority.case.noRecipients")}
          chosen={chosen}
          choices={recipients.map((r) => ({
            value: r.id,
            label: t("priority.sector.label", { name: r.name, sector: sectorLabel(t, r.sector) }),
          }))}
        />
        <SubmitButton>{t("priority.case.startButton")}</SubmitButton>
      </form>
    </section>
  );
}
