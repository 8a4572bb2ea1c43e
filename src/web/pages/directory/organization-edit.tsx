import type { OrganizationView } from "../../../modules/organizations/organizations.schemas.ts";
import { CsrfField, Field, Section, SubmitButton } from "../../components.tsx";
import type { OrganizationPageProps } from "./organization-detail.tsx";
import { LinesField, NameField, SectorField } from "./organization-fields.tsx";
import { CheckboxField, productLines } from "./shared.tsx";

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

/** The form that changes the record, with the fields this visitor may change. */
export function EditForm(props: OrganizationPageProps) {
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
        {shows("name") ? <NameField page={page} value={values.name} errors={errors} /> : null}
        {shows("contactEmails") ? (
          <LinesField page={page} name="contactEmails" values={values} errors={errors} />
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
        {(["products", "keywords", "domains"] as const).map((name) =>
          shows(name) ? (
            <LinesField key={name} page={page} name={name} values={values} errors={errors} />
          ) : null,
        )}
        {shows("sector") ? <SectorField page={page} value={values.sector} errors={errors} /> : null}
        <SubmitButton>{t("directory.edit.submit")}</SubmitButton>
      </form>
    </Section>
  );
}
