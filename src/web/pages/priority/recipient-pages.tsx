import type { PackageView, TraceResult } from "../../../modules/priority/priority.schemas.ts";
import type { Language, Translate } from "../../../platform/i18n/i18n.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import { CsrfField, DateTime, Field, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { kindLabel, sectorLabel, WithDate } from "./shared.tsx";

type Summary = Pick<
  PackageView,
  | "id"
  | "kind"
  | "title"
  | "deliveredAt"
  | "copyCode"
  | "reference"
  | "caseTitle"
  | "plannedPublicationAt"
>;

/** What a package concerns and until when it may be read ("readable until publication"). */
function Concerning(props: { t: Translate; language: Language; item: Summary }) {
  const { t, language, item } = props;
  return (
    <dl class="report-summary priority-concerning">
      <dt>{t("priority.packages.case")}</dt>
      <dd>{item.caseTitle}</dd>
      <dt>{t("priority.packages.reference")}</dt>
      <dd class="mono">{item.reference}</dd>
      <dt>{t("priority.case.packages")}</dt>
      <dd>
        {kindLabel(t, item.kind)}, <DateTime value={item.deliveredAt} language={language} />
      </dd>
      <dt>{t("priority.case.status")}</dt>
      <dd class="priority-until">
        {item.plannedPublicationAt ? (
          <WithDate
            t={t}
            message="priority.packages.until"
            date={<DateTime value={item.plannedPublicationAt} language={language} />}
          />
        ) : (
          t("priority.packages.untilUnplanned")
        )}
      </dd>
    </dl>
  );
}

/** A recipient's packages: what it may read now (nothing before its NDA, nothing after publication). */
export function PackagesPage(props: { page: PageContext; items: Summary[]; ndaAccepted: boolean }) {
  const { page, items } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("priority.packages.title")}>
      <h1>{t("priority.packages.heading")}</h1>
      <p class="lead">{t("priority.packages.lead")}</p>
      {items.length === 0 ? (
        <>
          <p>{t("priority.packages.none")}</p>
          {props.ndaAccepted ? null : (
            <p class="hint" id="priority-nda-needed">
              {t("priority.packages.ndaNeeded")}{" "}
              <a href="/organization/nda">{t("priority.packages.ndaLink")}</a>
            </p>
          )}
        </>
      ) : (
        <ul class="priority-package-list">
          {items.map((item) => (
            <li key={item.id}>
              <h2>
                <a href={`/priority-packages/${encodeURIComponent(item.id)}`}>{item.title}</a>
              </h2>
              <Concerning t={t} language={language} item={item} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One package as this recipient's copy: the recipient line, the marked text, marked files. */
export function PackagePage(props: {
  page: PageContext;
  pkg: PackageView;
  members: { id: string; name: string; role: string }[];
  notice: boolean;
}) {
  const { page, pkg } = props;
  const { t, language } = page;
  const assigned = new Set(pkg.assignedUserIds ?? []);
  const base = `/priority-packages/${encodeURIComponent(pkg.id)}`;
  return (
    <Layout page={page} title={t("priority.package.title", { title: pkg.title })}>
      <p>
        <a href="/priority-packages">{t("priority.package.back")}</a>
      </p>
      {props.notice ? <Notice kind="success">{t("priority.case.done")}</Notice> : null}
      <h1>{pkg.title}</h1>
      <p class="priority-recipient-line" id="recipient-line">
        {pkg.recipientLine}
      </p>
      <Concerning t={t} language={language} item={pkg} />
      <div class="priority-copy" id="package-body">
        {pkg.body}
      </div>
      {pkg.files.length > 0 ? (
        <>
          <h2>{t("priority.package.files")}</h2>
          <ul>
            {pkg.files.map((file) => (
              <li key={file.id}>
                <a
                  href={`${base}/files/${encodeURIComponent(file.id)}`}
                  class="priority-file"
                  download={file.name}
                >
                  {file.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pkg.assignedUserIds !== undefined ? (
        <form method="post" action={`${base}/members`} class="stack priority-members">
          <CsrfField token={page.csrfToken} />
          <ChoiceGroup
            name="userIds"
            legend={t("priority.package.members")}
            hint={t("priority.package.membersHint")}
            chosen={[...assigned]}
            choices={props.members
              .filter((m) => m.role !== "admin")
              .map((m) => ({ value: m.id, label: m.name }))}
          />
          <SubmitButton>{t("priority.package.membersButton")}</SubmitButton>
        </form>
      ) : null}
    </Layout>
  );
}

/** The desk's tool: a pasted text or file name read back to its recipient and delivery. */
export function TracePage(props: { page: PageContext; text: string; result: TraceResult | null }) {
  const { page, result } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("priority.trace.title")}>
      <h1>{t("priority.trace.heading")}</h1>
      <p class="lead">{t("priority.trace.lead")}</p>
      <form method="post" action="/priority-copies/trace" class="stack">
        <CsrfField token={page.csrfToken} />
        <Field
          name="text"
          label={t("priority.trace.text")}
          required
          multiline
          rows={8}
          value={props.text}
        />
        <SubmitButton>{t("priority.trace.button")}</SubmitButton>
      </form>
      {result ? (
        <section id="trace-result" aria-live="polite">
          {result.matches.length === 0 && result.unknownCodes.length === 0 ? (
            <p id="trace-none">
              {result.partialMark ? t("priority.trace.partial") : t("priority.trace.none")}
            </p>
          ) : null}
          <ul>
            {result.matches.map((m) => (
              <li key={m.copyCode} class="trace-match">
                <WithDate
                  t={t}
                  message="priority.trace.match"
                  params={{
                    code: m.copyCode,
                    organization: m.organization.name,
                    sector: sectorLabel(t, m.organization.sector),
                  }}
                  date={<DateTime value={m.deliveredAt} language={language} />}
                />{" "}
                <a href={`/cases/${encodeURIComponent(m.caseId)}/priority`}>
                  {t("priority.case.link")}
                </a>
              </li>
            ))}
          </ul>
          {result.unknownCodes.length > 0 ? (
            <p>{t("priority.trace.unknown", { codes: result.unknownCodes.join(", ") })}</p>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

/** R-PRI-5: the public site says that priority provision may happen, to whom and how. */
export function PriorityPublicPage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t("priority.public.title")}>
      <h1>{t("priority.public.heading")}</h1>
      <p>{t("priority.public.body1")}</p>
      <p>{t("priority.public.body2")}</p>
      <p>{t("priority.public.body3")}</p>
    </Layout>
  );
}
