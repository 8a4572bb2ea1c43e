import type { ComponentChildren } from "preact";
import { can } from "../../../modules/access/capabilities.ts";
import {
  type ChangeView,
  type MemberView,
  type OrganizationView,
  SECTORS,
} from "../../../modules/organizations/organizations.schemas.ts";
import type { MemberRole } from "../../../platform/db/schema.ts";
import { LANGUAGES, type MessageKey } from "../../../platform/i18n/i18n.ts";
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
  CheckboxField,
  DataTable,
  formatFingerprint,
  productLines,
  roleLabel,
  Section,
  sectorLabel,
  typeLabel,
} from "./shared.tsx";

/** Fields of the edit form, in the order shown. */
export const EDIT_FIELDS = [
  "name",
  "contactEmails",
  "pgpPublicKey",
  "products",
  "keywords",
  "domains",
  "sector",
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

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

const CHANGE_FIELD_LABELS: Record<string, MessageKey> = {
  name: "directory.field.name",
  contactEmails: "directory.field.contactEmails",
  pgpFingerprint: "directory.detail.fingerprint",
  products: "directory.field.products",
  keywords: "directory.field.keywords",
  domains: "directory.field.domains",
  sector: "directory.field.sector",
  nda: "directory.nda.heading",
  members: "directory.members.heading",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One side (from or to) of a recorded change, readable. */
function ChangeValue(props: { page: PageContext; field: string; value: unknown }) {
  const { t, language } = props.page;
  const { field, value } = props;
  if (value === null || value === undefined) return <span>{t("directory.none")}</span>;
  if (field === "pgpFingerprint" && typeof value === "string") {
    return <span class="mono">{formatFingerprint(value)}</span>;
  }
  if (field === "sector" && typeof value === "string") return <span>{sectorLabel(t, value)}</span>;
  if (field === "nda" && isRecord(value)) {
    return (
      <span>
        {t("directory.nda.recordedShort", { version: String(value.version ?? "") })}{" "}
        {typeof value.signedAt === "string" ? (
          <DateTime value={value.signedAt} language={language} />
        ) : null}
      </span>
    );
  }
  if (field === "members" && isRecord(value)) {
    const role = roleLabel(t, String(value.role ?? ""));
    if (typeof value.added === "string")
      return <span>{t("directory.history.memberAdded", { email: value.added, role })}</span>;
    if (typeof value.removed === "string")
      return <span>{t("directory.history.memberRemoved", { email: value.removed, role })}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>{t("directory.none")}</span>;
    const items = value.map((item) =>
      isRecord(item) && typeof item.name === "string"
        ? item.cpe
          ? `${item.name} (${String(item.cpe)})`
          : item.name
        : String(item),
    );
    return <span>{items.join(", ")}</span>;
  }
  if (typeof value === "string") return <span>{value}</span>;
  return <span>{JSON.stringify(value)}</span>;
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
              <li key={`${product.name}|${product.cpe ?? ""}`}>
                {product.name}
                {product.cpe ? (
                  <>
                    {" "}
                    <code>{product.cpe}</code>
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

function Members(props: OrganizationPageProps) {
  const { page, organization, members } = props;
  const { t } = page;
  if (!members) return null;
  const self = page.actor.kind === "user" ? page.actor.userId : null;
  const errors = props.form?.kind === "invite" ? props.form.errors : [];
  const values = props.form?.kind === "invite" ? props.form.values : {};
  return (
    <Section id="members" title={t("directory.members.heading")}>
      {members.length === 0 ? (
        <p>{t("directory.members.none")}</p>
      ) : (
        <DataTable id="members-table" caption={t("directory.members.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.members.name")}</th>
              <th scope="col">{t("directory.members.email")}</th>
              <th scope="col">{t("directory.members.role")}</th>
              <th scope="col">{t("directory.members.status")}</th>
              <th scope="col">{t("directory.members.twoFactor")}</th>
              {props.mayManageMembers ? (
                <th scope="col">{t("directory.members.actions")}</th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{roleLabel(t, member.role)}</td>
                <td>
                  {member.status === "active"
                    ? t("directory.members.active")
                    : t("directory.members.invited")}
                </td>
                <td>
                  {member.twoFactorEnabled
                    ? t("directory.members.twoFactorOn")
                    : t("directory.members.twoFactorOff")}
                </td>
                {props.mayManageMembers ? (
                  <td>
                    {member.userId !== self ? (
                      <form
                        method="post"
                        action={`/directory/${organization.id}/members/${encodeURIComponent(member.userId)}/remove`}
                      >
                        <CsrfField token={page.csrfToken} />
                        <button
                          type="submit"
                          class="button button-danger"
                          aria-label={t("directory.members.removeLabel", { name: member.name })}
                        >
                          {t("directory.members.remove")}
                        </button>
                      </form>
                    ) : (
                      t("directory.members.you")
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {props.mayManageMembers ? (
        <form
          method="post"
          action={`/directory/${organization.id}/members`}
          class="stack"
          noValidate
        >
          <h3>{t("directory.invite.heading")}</h3>
          <p class="hint">{t("directory.invite.lead")}</p>
          <CsrfField token={page.csrfToken} />
          <Field
            name="memberEmail"
            type="email"
            label={t("directory.invite.email")}
            required
            autocomplete="off"
            value={values.memberEmail}
            errors={errors}
          />
          <Field
            name="memberName"
            label={t("directory.invite.name")}
            required
            autocomplete="off"
            value={values.memberName}
            errors={errors}
          />
          <SelectField
            name="memberRole"
            label={t("directory.invite.role")}
            required
            value={values.memberRole ?? "member"}
            errors={errors}
            options={props.roles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
          />
          <SelectField
            name="memberLanguage"
            label={t("directory.invite.language")}
            hint={t("directory.invite.languageHint")}
            value={values.memberLanguage ?? page.language}
            errors={errors}
            options={LANGUAGES.map((language) => ({
              value: language,
              label: t(language === "ja" ? "directory.language.ja" : "directory.language.en"),
            }))}
          />
          <SubmitButton>{t("directory.invite.submit")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}

function History(props: OrganizationPageProps) {
  const { page, changes } = props;
  const { t, language } = page;
  if (!changes) return null;
  const rows = changes.flatMap((change) =>
    Object.entries(change.changes).map(([field, difference]) => ({ change, field, difference })),
  );
  return (
    <Section id="history" title={t("directory.history.heading")}>
      <p class="hint">{t("directory.history.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("directory.history.none")}</p>
      ) : (
        <DataTable id="history-table" caption={t("directory.history.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.history.at")}</th>
              <th scope="col">{t("directory.history.by")}</th>
              <th scope="col">{t("directory.history.field")}</th>
              <th scope="col">{t("directory.history.from")}</th>
              <th scope="col">{t("directory.history.to")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ change, field, difference }) => {
              const label = CHANGE_FIELD_LABELS[field];
              return (
                <tr key={`${change.id}:${field}`}>
                  <td>
                    <DateTime value={change.changedAt} language={language} />
                  </td>
                  <td>
                    {change.changedBy.id === "system"
                      ? t("directory.history.operator")
                      : change.changedBy.name}
                  </td>
                  <th scope="row">{label ? t(label) : field}</th>
                  <td>
                    <ChangeValue page={page} field={field} value={difference.from} />
                  </td>
                  <td>
                    <ChangeValue page={page} field={field} value={difference.to} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </Section>
  );
}

/** What the edit form shows before anything was typed: the current record. */
export function editValuesOf(organization: OrganizationView): Record<string, string> {
  return {
    name: organization.name,
    contactEmails: organization.contactEmails.join("\n"),
    pgpPublicKey: "",
    products: productLines(organization.products),
    keywords: organization.keywords.join("\n"),
    domains: organization.domains.join("\n"),
    sector: organization.sector ?? "",
  };
}

function EditForm(props: OrganizationPageProps) {
  const { page, organization, editFields } = props;
  const { t } = page;
  if (editFields.length === 0) return null;
  const errors = props.form?.kind === "edit" ? props.form.errors : [];
  const values = props.form?.kind === "edit" ? props.form.values : editValuesOf(organization);
  const shows = (field: EditField) => editFields.includes(field);
  return (
    <Section id="edit" title={t("directory.edit.heading")}>
      {props.editsAsOwnAdmin ? <p>{t("directory.edit.ownAdminNote")}</p> : null}
      <form method="post" action={`/directory/${organization.id}/edit`} class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        {shows("name") ? (
          <Field
            name="name"
            label={t("directory.field.name")}
            required
            value={values.name}
            errors={errors}
          />
        ) : null}
        {shows("contactEmails") ? (
          <Field
            name="contactEmails"
            label={t("directory.field.contactEmails")}
            hint={t("directory.field.contactEmailsHint")}
            required
            multiline
            rows={3}
            value={values.contactEmails}
            errors={errors}
          />
        ) : null}
        {shows("pgpPublicKey") ? (
          <>
            <Field
              name="pgpPublicKey"
              label={t("directory.field.pgpPublicKeyNew")}
              hint={
                organization.pgpFingerprint
                  ? t("directory.field.pgpPublicKeyKeepHint")
                  : t("directory.field.pgpPublicKeyHint")
              }
              multiline
              rows={8}
              value={values.pgpPublicKey}
              errors={errors}
            />
            {organization.pgpFingerprint ? (
              <CheckboxField
                name="pgpRemove"
                label={t("directory.field.pgpRemove")}
                checked={values.pgpRemove === "1"}
              />
            ) : null}
          </>
        ) : null}
        {shows("products") ? (
          <Field
            name="products"
            label={t("directory.field.products")}
            hint={t("directory.field.productsHint")}
            multiline
            rows={4}
            value={values.products}
            errors={errors}
          />
        ) : null}
        {shows("keywords") ? (
          <Field
            name="keywords"
            label={t("directory.field.keywords")}
            hint={t("directory.field.keywordsHint")}
            multiline
            rows={3}
            value={values.keywords}
            errors={errors}
          />
        ) : null}
        {shows("domains") ? (
          <Field
            name="domains"
            label={t("directory.field.domains")}
            hint={t("directory.field.domainsHint")}
            multiline
            rows={3}
            value={values.domains}
            errors={errors}
          />
        ) : null}
        {shows("sector") ? (
          <SelectField
            name="sector"
            label={t("directory.field.sector")}
            value={values.sector}
            errors={errors}
            options={[
              { value: "", label: t("directory.field.sectorNone") },
              ...SECTORS.map((sector) => ({ value: sector, label: sectorLabel(t, sector) })),
            ]}
          />
        ) : null}
        <SubmitButton>{t("directory.edit.submit")}</SubmitButton>
      </form>
    </Section>
  );
}

export function OrganizationPage(props: OrganizationPageProps) {
  const { page, organization, form } = props;
  const { t } = page;
  const errors = form?.errors ?? [];
  const title = t("directory.detail.title", { name: organization.name });
  const sections: { id: string; label: string }[] = [
    { id: "overview", label: t("directory.detail.overview") },
    ...(organization.type === "vendor" ? [{ id: "nda", label: t("directory.nda.heading") }] : []),
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
      <Section id="overview" title={t("directory.detail.overview")}>
        <Overview page={page} organization={organization} />
        {organization.pgpPublicKey ? (
          <PublicKey page={page} armored={organization.pgpPublicKey} />
        ) : null}
      </Section>
      {organization.type === "vendor" ? <Nda {...props} /> : null}
      <Members {...props} />
      <History {...props} />
      <EditForm {...props} />
    </Layout>
  );
}
