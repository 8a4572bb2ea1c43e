import type { OrganizationType } from "../../../platform/db/schema.ts";
import {
  CsrfField,
  ErrorSummary,
  Field,
  type FieldError,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { LinesField, NameField, SectorField } from "./organization-fields.tsx";
import { typeLabel } from "./shared.tsx";

/** The form's fields as typed (kept when the form comes back with errors). */
export interface NewOrganizationValues {
  type: string;
  name: string;
  contactEmails: string;
  pgpPublicKey: string;
  products: string;
  keywords: string;
  domains: string;
  sector: string;
}

export const EMPTY_NEW_ORGANIZATION: NewOrganizationValues = {
  type: "",
  name: "",
  contactEmails: "",
  pgpPublicKey: "",
  products: "",
  keywords: "",
  domains: "",
  sector: "",
};

export function NewOrganizationPage(props: {
  page: PageContext;
  creatableTypes: OrganizationType[];
  values: NewOrganizationValues;
  errors: FieldError[];
}) {
  const { page, values, errors, creatableTypes } = props;
  const { t } = page;
  const title = t("directory.new.title");
  const withSector = creatableTypes.includes("priority_recipient");
  return (
    <Layout page={page} title={errors.length > 0 ? t("directory.errorTitle", { title }) : title}>
      <p>
        <a href="/directory">{t("directory.backToDirectory")}</a>
      </p>
      <h1>{t("directory.new.heading")}</h1>
      <p class="lead">{t("directory.new.lead")}</p>
      <ErrorSummary title={t("directory.error.summary")} errors={errors} />
      <form method="post" action="/directory/new" class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        <SelectField
          name="type"
          label={t("directory.field.type")}
          required
          value={values.type}
          errors={errors}
          options={creatableTypes.map((type) => ({ value: type, label: typeLabel(t, type) }))}
        />
        <NameField page={page} value={values.name} errors={errors} autocomplete="organization" />
        <LinesField page={page} name="contactEmails" values={values} errors={errors} />
        <Field
          name="pgpPublicKey"
          label={t("directory.field.pgpPublicKey")}
          hint={t("directory.field.pgpPublicKeyHint")}
          multiline
          rows={8}
          value={values.pgpPublicKey}
          errors={errors}
        />
        {(["products", "keywords", "domains"] as const).map((name) => (
          <LinesField key={name} page={page} name={name} values={values} errors={errors} />
        ))}
        {withSector ? (
          <SectorField
            page={page}
            value={values.sector}
            errors={errors}
            hint={t("directory.field.sectorHint")}
          />
        ) : null}
        <SubmitButton>{t("directory.new.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}
