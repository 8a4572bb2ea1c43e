import { SECTORS } from "../../../modules/organizations/organizations.schemas.ts";
import type {
  CaseProvisionItem,
  ProvisionView,
} from "../../../modules/priority/priority.schemas.ts";
import { PACKAGE_KINDS } from "../../../workflow/priority-provision/index.ts";
import { CsrfField, DateTime, Notice } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { kindLabel, type PageError, sectorLabel, statusLabel, WithDate } from "./shared.tsx";

export interface CasePriorityProps {
  page: PageContext;
  caseId: string;
  reference: string;
  viewer: "desk" | "staff" | "coordinator" | "vendor" | "finder";
  items: CaseProvisionItem[];
  recipients: { id: string; name: string; sector: string | null }[];
  notice: boolean;
  error: PageError | null;
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
  return (
    <Layout page={page} title={t("priority.case.title", { reference: props.reference })}>
      <p>
        <a
          href={
            props.viewer === "finder" ? "/reports" : `/cases/${encodeURIComponent(props.caseId)}`
          }
        >
          {t("priority.case.back")}
        </a>
      </p>
      <h1>
        {t("priority.case.heading")} <span class="mono">{props.reference}</span>
      </h1>
      {props.notice ? <Notice kind="success">{t("priority.case.done")}</Notice> : null}
      {props.error ? (
        <div class="error-summary" role="alert" id="priority-error">
          <p>{t("priority.case.error", { detail: props.error.detail })}</p>
        </div>
      ) : null}
      <p class="lead">{t("priority.case.lead")}</p>
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
                  {item.sectors.map((s) => sectorLabel(t, s)).join(", ")}
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
          {props.viewer === "desk" ? <StartForm {...props} /> : null}
        </>
      )}
    </Layout>
  );
}

function ProvisionBlock(props: CasePriorityProps & { item: CaseProvisionItem }) {
  const { page, item } = props;
  const { t, language } = page;
  const provision = item.provision;
  const base = `/priority-provisions/${encodeURIComponent(item.id ?? "")}`;
  const open = item.status === "consulting" || item.status === "ready" || item.status === "sent";
  const desk = props.viewer === "desk";
  return (
    <section
      class="priority-provision"
      id={`provision-${item.id}`}
      aria-label={t("priority.case.heading")}
    >
      <h2>
        {provision ? (
          <WithDate
            t={t}
            language={language}
            message="priority.case.provision"
            value={provision.startedAt}
          />
        ) : (
          t("priority.case.heading")
        )}
      </h2>
      <dl class="priority-facts">
        <dt>{t("priority.case.status")}</dt>
        <dd class="priority-status">{statusLabel(t, item.status)}</dd>
        <dt>{t("priority.case.reason")}</dt>
        <dd>{item.reason}</dd>
        <dt>{t("priority.case.sectors")}</dt>
        <dd>{item.sectors.map((s) => sectorLabel(t, s)).join(", ")}</dd>
      </dl>
      {provision ? <ProvisionDetail {...props} provision={provision} /> : null}
      {(props.viewer === "coordinator" || props.viewer === "vendor") &&
      item.status === "consulting" &&
      !item.ownAnswer ? (
        <form method="post" action={`${base}/agreement`} class="priority-agreement">
          <CsrfField token={page.csrfToken} />
          <fieldset>
            <legend>{t("priority.case.yourAgreement")}</legend>
            <label>
              <input type="radio" name="decision" value="agree" checked />{" "}
              {t("priority.case.agree")}
            </label>
            <label>
              <input type="radio" name="decision" value="object" /> {t("priority.case.object")}
            </label>
          </fieldset>
          <div class="field">
            <label for={`reason-${item.id}`}>{t("priority.case.objectReason")}</label>
            <textarea id={`reason-${item.id}`} name="reason" rows={3} />
          </div>
          <button type="submit" class="button button-primary">
            {t("priority.case.answerButton")}
          </button>
        </form>
      ) : null}
      {item.ownAnswer ? (
        <p>
          {t("priority.case.answered", { answer: t(`priority.case.answer.${item.ownAnswer}`) })}
        </p>
      ) : null}
      {desk && open ? (
        <div class="priority-desk-actions">
          {provision && !provision.finderNotifiedAt && item.status !== "sent" ? (
            <form method="post" action={`${base}/finder-notice`}>
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="button button-primary">
                {t("priority.case.finderButton")}
              </button>
            </form>
          ) : null}
          <form
            method="post"
            action={`${base}/packages`}
            enctype="multipart/form-data"
            class="priority-package-form stack"
          >
            <h3>{t("priority.case.addPackage")}</h3>
            <CsrfField token={page.csrfToken} />
            <div class="field">
              <label for={`kind-${item.id}`}>{t("priority.case.packageKind")}</label>
              <select id={`kind-${item.id}`} name="kind">
                {PACKAGE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kindLabel(t, kind)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`title-${item.id}`}>{t("priority.case.packageTitle")}</label>
              <input id={`title-${item.id}`} name="title" type="text" required />
            </div>
            <div class="field">
              <label for={`body-${item.id}`}>{t("priority.case.packageBody")}</label>
              <textarea id={`body-${item.id}`} name="body" rows={5} required />
            </div>
            <div class="field">
              <label for={`file-${item.id}`}>{t("priority.case.packageFiles")}</label>
              <input id={`file-${item.id}`} name="file" type="file" multiple />
            </div>
            <button type="submit" class="button button-primary">
              {t("priority.case.addButton")}
            </button>
          </form>
          {item.status !== "sent" ? (
            <form method="post" action={`${base}/send`}>
              <CsrfField token={page.csrfToken} />
              <p class="hint">{t("priority.case.sendHint")}</p>
              <button type="submit" class="button button-primary">
                {t("priority.case.send")}
              </button>
            </form>
          ) : null}
          <form method="post" action={`${base}/revoke`}>
            <CsrfField token={page.csrfToken} />
            <button type="submit" class="button button-secondary">
              {t("priority.case.revoke")}
            </button>
          </form>
        </div>
      ) : null}
    </section>
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
            language={language}
            message="priority.case.finderNotified"
            value={provision.finderNotifiedAt}
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
          {provision.packages.map((p) => (
            <li key={p.id}>
              {kindLabel(t, p.kind)}: {p.title}
              {p.files.length > 0 ? ` (${p.files.map((f) => f.name).join(", ")})` : ""}
            </li>
          ))}
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
  return (
    <section id="priority-start" aria-labelledby="priority-start-heading">
      <h2 id="priority-start-heading">{t("priority.case.start")}</h2>
      <form
        method="post"
        action={`/cases/${encodeURIComponent(props.caseId)}/priority/start`}
        class="stack"
      >
        <CsrfField token={page.csrfToken} />
        <div class="field">
          <label for="priority-reason">{t("priority.case.reason")}</label>
          <textarea id="priority-reason" name="reason" rows={3} required />
        </div>
        <fieldset>
          <legend>{t("priority.case.sectors")}</legend>
          {SECTORS.map((sector) => (
            <label key={sector} class="priority-choice">
              <input type="checkbox" name="sectors" value={sector} /> {sectorLabel(t, sector)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("priority.case.recipients")}</legend>
          <p class="hint">{t("priority.case.recipientsHint")}</p>
          {recipients.length === 0 ? <p>{t("priority.case.noRecipients")}</p> : null}
          {recipients.map((r) => (
            <label key={r.id} class="priority-choice">
              <input type="checkbox" name="recipientOrganizationIds" value={r.id} />{" "}
              {t("priority.sector.label", { name: r.name, sector: sectorLabel(t, r.sector) })}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          {t("priority.case.startButton")}
        </button>
      </form>
    </section>
  );
}
