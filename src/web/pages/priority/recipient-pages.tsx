import type { PackageView, TraceResult } from "../../../modules/priority/priority.schemas.ts";
import { CsrfField, DateTime, Notice } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { kindLabel, sectorLabel, WithDate } from "./shared.tsx";

type Summary = Pick<PackageView, "id" | "kind" | "title" | "deliveredAt" | "copyCode">;

/** A recipient's packages: what it may read now (nothing before its NDA, nothing after publication). */
export function PackagesPage(props: { page: PageContext; items: Summary[] }) {
  const { page, items } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("priority.packages.title")}>
      <h1>{t("priority.packages.heading")}</h1>
      <p class="lead">{t("priority.packages.lead")}</p>
      {items.length === 0 ? (
        <>
          <p>{t("priority.packages.none")}</p>
          <p class="hint">{t("priority.packages.ndaNeeded")}</p>
        </>
      ) : (
        <ul class="priority-package-list">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`/priority-packages/${encodeURIComponent(item.id)}`}>{item.title}</a> —{" "}
              {kindLabel(t, item.kind)}, <DateTime value={item.deliveredAt} language={language} />
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
  const { t } = page;
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
      <p class="hint">{kindLabel(t, pkg.kind)}</p>
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
        <form method="post" action={`${base}/members`} class="priority-members">
          <h2>{t("priority.package.members")}</h2>
          <p class="hint">{t("priority.package.membersHint")}</p>
          <CsrfField token={page.csrfToken} />
          {props.members
            .filter((m) => m.role !== "admin")
            .map((m) => (
              <label key={m.id} class="priority-choice">
                <input type="checkbox" name="userIds" value={m.id} checked={assigned.has(m.id)} />{" "}
                {m.name}
              </label>
            ))}
          <button type="submit" class="button button-primary">
            {t("priority.package.membersButton")}
          </button>
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
        <div class="field">
          <label for="trace-text">{t("priority.trace.text")}</label>
          <textarea id="trace-text" name="text" rows={8} required>
            {props.text}
          </textarea>
        </div>
        <button type="submit" class="button button-primary">
          {t("priority.trace.button")}
        </button>
      </form>
      {result ? (
        <section id="trace-result" aria-live="polite">
          {result.matches.length === 0 && result.unknownCodes.length === 0 ? (
            <p>{t("priority.trace.none")}</p>
          ) : null}
          <ul>
            {result.matches.map((m) => (
              <li key={m.copyCode} class="trace-match">
                <WithDate
                  t={t}
                  language={language}
                  message="priority.trace.match"
                  params={{
                    code: m.copyCode,
                    organization: m.organization.name,
                    sector: sectorLabel(t, m.organization.sector),
                  }}
                  value={m.deliveredAt}
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
