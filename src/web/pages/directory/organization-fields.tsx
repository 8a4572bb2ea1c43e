import { SECTORS } from "../../../modules/organizations/organizations.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { Field, type FieldError, SelectField } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { sectorLabel } from "./shared.tsx";

/** The fields of an organization's record typed one item a line, as both forms show them. */
const LINE_FIELDS = {
  contactEmails: {
    label: "directory.field.contactEmails",
    hint: "directory.field.contactEmailsHint",
    rows: 3,
    required: true,
  },
  products: { label: "directory.field.products", hint: "directory.field.productsHint", rows: 4 },
  keywords: { label: "directory.field.keywords", hint: "directory.field.keywordsHint", rows: 3 },
  domains: { label: "directory.field.domains", hint: "directory.field.domainsHint", rows: 3 },
} as const satisfies Record<
  string,
  { label: MessageKey; hint: MessageKey; rows: number; required?: boolean }
>;

export type LineField = keyof typeof LINE_FIELDS;

/** One of the multi-line fields of the new-organization and edit forms. */
export function LinesField(props: {
  page: PageContext;
  name: LineField;
  values: { [field in LineField]?: string | undefined };
  errors: FieldError[];
}) {
  const { t } = props.page;
  const field: { label: MessageKey; hint: MessageKey; rows: number; required?: boolean } =
    LINE_FIELDS[props.name];
  return (
    <Field
      name={props.name}
      label={t(field.label)}
      hint={t(field.hint)}
      required={field.required ?? false}
      multiline
      rows={field.rows}
      value={props.values[props.name]}
      errors={props.errors}
    />
  );
}

/** The organization's name; `autocomplete` where the browser may offer the user's own. */
export function NameField(props: {
  page: PageContext;
  value: string | undefined;
  errors: FieldError[];
  autocomplete?: "organization";
}) {
  return (
    <Field
      name="name"
      label={props.page.t("directory.field.name")}
      required
      value={props.value}
      errors={props.errors}
      {...(props.autocomplete ? { autocomplete: props.autocomplete } : {})}
    />
  );
}

/** A priority recipient's sector, or none. */
export function SectorField(props: {
  page: PageContext;
  value: string | undefined;
  errors: FieldError[];
  hint?: string;
}) {
  const { t } = props.page;
  return (
    <SelectField
      name="sector"
      label={t("directory.field.sector")}
      hint={props.hint}
      value={props.value}
      errors={props.errors}
      options={[
        { value: "", label: t("directory.field.sectorNone") },
        ...SECTORS.map((sector) => ({ value: sector, label: sectorLabel(t, sector) })),
      ]}
    />
  );
}
