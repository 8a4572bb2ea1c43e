import type { ComponentChildren } from "preact";
import { can } from "../../../modules/access/capabilities.ts";
import { NDA_PARTY_TYPES } from "../../../modules/organizations/nda.schemas.ts";
import { isOwnOrganization } from "../../../modules/organizations/organizations.policy.ts";
import type {
  ChangeView,
  MemberView,
  OrganizationView,
} from "../../../modules/organizations/organizations.schemas.ts";
import { managesWebhooks } from "../../../modules/webhooks/webhooks.service.ts";
import type { MemberRole } from "../../../platform/db/schema.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  Section,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { type EditField, EditForm } from "./organization-edit.tsx";
import { History } from "./organization-history.tsx";
import { Members } from "./organization-members.tsx";
import { formatFingerprint, sectorLabel, typeLabel } from "./shared.tsx";

export type DetailForm =
  | { kind: "edit"; values: Record<string, string>; errors: FieldError[] }
  | { kind: "nda"; values: Record<string, string>; errors: FieldError[] }
  | { kind: "invite"; values: Record<string, string>; errors: FieldError[] };

export interface OrganizationPageProps {
  page: PageContext;
  organization: OrganizationView;
  /** Null when the visitor may not see the members. */
  members: MemberView[] | null;
  /** Null when the visitor may not see the change history. */
  changes: ChangeView[] | null;
  /** Who recorded the NDA, when the history names them. */
  ndaRecordedByName: string | null;
  notice: MessageKey | null;
  /** The edit form's fields this visitor may change (empty: no edit form). */
  editFields: EditField[];
  /** True when the visitor edits as the organization's own admin (not as staff). */
  editsAsOwnAdmin: boolean;
  mayRecordNda: boolean;
  mayManageMembers: boolean;
  /** Roles an invited member may get in this organization type. */
  roles: MemberRole[];
  /** The form that was sent and came back with errors. */
  form: DetailForm | null;
}

function TextList(props: { page: PageContext; items: string[] }) {
  if (props.items.length === 0) return <>{props.page.t("directory.none")}</>;
  return (
    <ul>
      {props.items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Item(props: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function Overview(props: { page: PageContext; organization: OrganizationView }) {
  const { page, organization } = props;
  const { t, language } = page;
  return (
    <dl>
      <Item term={t("directory.field.type")}>{typeLabel(t, organization.type)}</Item>
      <Item term={t("directory.field.contactEmails")}>
        <TextList page={page} items={organization.contactEmails} />
      </Item>
      <Item term={t("directory.detail.fingerprint")}>
        {organization.pgpFingerprint ? (
          <span class="mono">{formatFingerprint(organization.pgpFingerprint)}</span>
        ) : (
          t("directory.detail.noKey")
        )}
      </Item>
      <Item term={t("directory.field.products")}>
        {organization.products.length === 0 ? (
          t("directory.none")
        ) : (
          <ul>
            {organization.products.map((product) => (
              <li key={`${product.name}|${product.cpe ?? ""}|${product.purl ?? ""}`}>
                {product.name}
                {product.cpe ? (
                  <>
                    {" "}
                    <code>{product.cpe}</code>
                  </>
                ) : null}
                {product.purl ? (
                  <>
                    {" "}
                    <code>{product.purl}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Item>
      <Item term={t("directory.field.keywords")}>
        <TextList page={page} items={organization.keywords} />
      </Item>
      <Item term={t("directory.field.domains")}>
        <TextList page={page} items={organization.domains} />
      </Item>
      {organization.type === "priority_recipient" ? (
        <Item term={t("directory.field.sector")}>
          {organization.sector ? sectorLabel(t, organization.sector) : t("directory.none")}
        </Item>
      ) : null}
      <Item term={t("directory.detail.createdAt")}>
        <DateTime value={organization.createdAt} language={language} />
      </Item>
      <Item term={t("directory.detail.updatedAt")}>
        <DateTime value={organization.updatedAt} language={language} />
      </Item>
    </dl>
  );
}

function PublicKey(props: { page: PageContext; armored: string }) {
  const { t } = props.page;
  return (
    <details>
      <summary>{t("directory.detail.showKey")}</summary>
      <div class="field">
        <label for="pgp-key-view">{t("directory.detail.armoredKey")}</label>
        <textarea id="pgp-key-view" class="mono" rows={10} readOnly>
          {props.armored}
        </textarea>
      </div>
    </details>
  );
}

function Nda(props: OrganizationPageProps) {
  const { page, organization, ndaRecordedByName } = props;
  const { t, language } = page;
  const nda = organization.nda;
  const errors = props.form?.kind === "nda" ? props.form.errors : [];
  const values = props.form?.kind === "nda" ? props.form.values : {};
  return (
    <Section id="nda" title={t("directory.nda.heading")}>
      {nda ? (
        <dl>
          <Item term={t("directory.nda.signedAt")}>
            <DateTime value={nda.signedAt} language={language} />
          </Item>
          <Item term={t("directory.nda.version")}>{nda.version}</Item>
          <Item term={t("directory.nda.recordedBy")}>{ndaRecordedByName ?? nda.recordedBy}</Item>
          <Item term={t("directory.nda.recordedAt")}>
            <DateTime value={nda.recordedAt} language={language} />
          </Item>
        </dl>
      ) : (
        <p>{t("directory.nda.none")}</p>
      )}
      {isOwnOrganization(page.actor, organization) ? (
        <p>
          <a href="/organization/nda">{t("nda.org.link")}</a>
        </p>
      ) : null}
      {props.mayRecordNda ? (
        <p>
          <a href="/nda-texts">{t("nda.texts.link")}</a>
        </p>
      ) : null}
      {props.mayRecordNda ? (
        <form method="post" action={`/directory/${organization.id}/nda`} class="stack" noValidate>
          <h3>{nda ? t("directory.nda.form.headingAgain") : t("directory.nda.form.heading")}</h3>
          <CsrfField token={page.csrfToken} />
          <Field
            name="signedAt"
            type="date"
            label={t("directory.nda.form.signedAt")}
            hint={t("directory.nda.form.signedAtHint")}
            required
            value={values.signedAt}
            errors={errors}
          />
          <Field
            name="version"
            label={t("directory.nda.form.version")}
            hint={t("directory.nda.form.versionHint")}
            required
            value={values.version}
            errors={errors}
          />
          <SubmitButton>{t("directory.nda.form.submit")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}

/** Vendors, CSIRTs and priority recipients sign the NDA (the coordinator records vendors' on paper). */
const signsNda = (type: string) => (NDA_PARTY_TYPES as readonly string[]).includes(type);

export function OrganizationPage(props: OrganizationPageProps) {
  const { page, organization, form } = props;
  const { t } = page;
  const errors = form?.errors ?? [];
  const title = t("directory.detail.title", { name: organization.name });
  const sections: { id: string; label: string }[] = [
    { id: "overview", label: t("directory.detail.overview") },
    ...(signsNda(organization.type) ? [{ id: "nda", label: t("directory.nda.heading") }] : []),
    ...(props.members ? [{ id: "members", label: t("directory.members.heading") }] : []),
    ...(props.changes ? [{ id: "history", label: t("directory.history.heading") }] : []),
    ...(props.editFields.length > 0 ? [{ id: "edit", label: t("directory.edit.heading") }] : []),
  ];
  return (
    <Layout page={page} title={errors.length > 0 ? t("directory.errorTitle", { title }) : title}>
      {can(page.actor, "directory.read") ? (
        <p>
          <a href="/directory">{t("directory.backToDirectory")}</a>
        </p>
      ) : null}
      <h1>{organization.name}</h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      <ErrorSummary title={t("directory.error.summary")} errors={errors} />
      <nav aria-label={t("directory.detail.contents")}>
        <ul>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {page.actor.kind === "user" &&
      page.actor.organization?.id === organization.id &&
      managesWebhooks(page.actor) ? (
        <p>
          <a href="/organization/webhooks">{t("webhooks.organizationLink")}</a>
        </p>
      ) : null}
      <Section id="overview" title={t("directory.detail.overview")}>
        <Overview page={page} organization={organization} />
        {organization.pgpPublicKey ? (
          <PublicKey page={page} armored={organization.pgpPublicKey} />
        ) : null}
      </Section>
      {signsNda(organization.type) ? <Nda {...props} /> : null}
      <Members {...props} />
      <History {...props} />
      <EditForm {...props} />
    </Layout>
  );
}
