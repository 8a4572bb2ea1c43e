import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { ReportStatus } from "../../../workflow/report.ts";
import type { FieldError } from "../../components.tsx";

/** Every field of the report form, as the form names them (strings; checkboxes are "1" or ""). */
export const REPORT_FORM_FIELDS = [
  "kind",
  "title",
  "productName",
  "productVersion",
  "vendorName",
  "siteUrl",
  "description",
  "reproduction",
  "verificationMethod",
  "attackMethod",
  "cvssVector",
  "cwe",
  "howFound",
  "disclosurePlans",
  "alsoReportedDirectly",
  "identityToCoordinator",
  "identityToVendor",
  "identityToOperator",
  "directContact",
  "credit",
  "creditName",
  "encryptedMessage",
] as const;
export type ReportFormField = (typeof REPORT_FORM_FIELDS)[number];
export type ReportFormValues = Record<ReportFormField, string>;

export function emptyReportForm(kind: "product" | "web"): ReportFormValues {
  const values = {} as ReportFormValues;
  for (const field of REPORT_FORM_FIELDS) values[field] = "";
  values.kind = kind;
  return values;
}

/** Text fields of each kind, in the order the form and the confirmation show them. */
export const TEXT_FIELDS: Record<"product" | "web", ReportFormField[]> = {
  product: [
    "title",
    "productName",
    "productVersion",
    "vendorName",
    "description",
    "reproduction",
    "cvssVector",
    "cwe",
    "howFound",
    "disclosurePlans",
    "verificationMethod",
    "attackMethod",
  ],
  web: [
    "title",
    "siteUrl",
    "description",
    "reproduction",
    "cwe",
    "howFound",
    "verificationMethod",
    "attackMethod",
  ],
};

/** Consent and other checkboxes of each kind. */
export const CHECKBOX_FIELDS: Record<"product" | "web", ReportFormField[]> = {
  product: [
    "alsoReportedDirectly",
    "identityToCoordinator",
    "identityToVendor",
    "directContact",
    "credit",
  ],
  web: ["alsoReportedDirectly", "identityToOperator", "directContact"],
};

export const REQUIRED_FIELDS: ReportFormField[] = [
  "title",
  "productName",
  "productVersion",
  "siteUrl",
  "description",
  "reproduction",
];

export const MULTILINE_FIELDS: ReportFormField[] = [
  "description",
  "reproduction",
  "verificationMethod",
  "attackMethod",
  "howFound",
  "disclosurePlans",
];

export const FIELD_LABELS: Record<ReportFormField, MessageKey> = {
  kind: "reports.new.chooseKind",
  title: "reports.field.title",
  productName: "reports.field.productName",
  productVersion: "reports.field.productVersion",
  vendorName: "reports.field.vendorName",
  siteUrl: "reports.field.siteUrl",
  description: "reports.field.description",
  reproduction: "reports.field.reproduction",
  verificationMethod: "reports.field.verificationMethod",
  attackMethod: "reports.field.attackMethod",
  cvssVector: "reports.field.cvssVector",
  cwe: "reports.field.cwe",
  howFound: "reports.field.howFound",
  disclosurePlans: "reports.field.disclosurePlans",
  alsoReportedDirectly: "reports.field.alsoReportedDirectly",
  identityToCoordinator: "reports.field.identityToCoordinator",
  identityToVendor: "reports.field.identityToVendor",
  identityToOperator: "reports.field.identityToOperator",
  directContact: "reports.field.directContact",
  credit: "reports.field.credit",
  creditName: "reports.field.creditName",
  encryptedMessage: "deskKey.form.label",
};

export const FIELD_HINTS: Partial<Record<ReportFormField, MessageKey>> = {
  title: "reports.field.titleHint",
  productName: "reports.field.productNameHint",
  productVersion: "reports.field.productVersionHint",
  vendorName: "reports.field.vendorNameHint",
  siteUrl: "reports.field.siteUrlHint",
  description: "reports.field.descriptionHint",
  reproduction: "reports.field.reproductionHint",
  verificationMethod: "reports.field.verificationMethodHint",
  attackMethod: "reports.field.attackMethodHint",
  cvssVector: "reports.field.cvssVectorHint",
  cwe: "reports.field.cweHint",
  howFound: "reports.field.howFoundHint",
  disclosurePlans: "reports.field.disclosurePlansHint",
  alsoReportedDirectly: "reports.field.alsoReportedDirectlyHint",
  creditName: "reports.field.creditNameHint",
  encryptedMessage: "deskKey.form.hint",
};

const STATUS_LABELS: Record<ReportStatus, MessageKey> = {
  submitted: "reports.status.submitted",
  needs_info: "reports.status.needs_info",
  accepted: "reports.status.accepted",
  rejected: "reports.status.rejected",
  forwarded: "reports.status.forwarded",
  closed: "reports.status.closed",
};

const CLOSE_REASON_LABELS: Record<string, MessageKey> = {
  not_a_vulnerability: "reports.closeReason.not_a_vulnerability",
  duplicate: "reports.closeReason.duplicate",
  not_reproducible: "reports.closeReason.not_reproducible",
  illegally_obtained: "reports.closeReason.illegally_obtained",
  out_of_scope: "reports.closeReason.out_of_scope",
  withdrawn: "reports.closeReason.withdrawn",
  // R-INT-9: the outcome of the case or site case a forwarded report followed.
  published: "desk.outcome.published",
  no_action: "desk.outcome.no_action",
  fixed: "desk.outcome.fixed",
  closed_after_warning: "desk.outcome.closed_after_warning",
  not_vulnerable: "desk.outcome.not_vulnerable",
  unreachable: "desk.outcome.unreachable",
};

export function statusLabel(t: Translate, status: string): string {
  const key = STATUS_LABELS[status as ReportStatus];
  return key ? t(key) : status;
}

export function kindLabel(t: Translate, kind: string): string {
  return kind === "web" ? t("reports.kind.web") : t("reports.kind.product");
}

/** A close reason, or a case's outcome (shown verbatim when the catalog has no label). */
export function closeReasonLabel(t: Translate, reason: string): string {
  const key = CLOSE_REASON_LABELS[reason];
  return key ? t(key) : reason;
}

/** A checkbox with its label after it, and an optional hint tied to it. */
export function Checkbox(props: {
  name: string;
  label: string;
  checked: boolean;
  hint?: string | undefined;
  /** For several boxes of one name: each its own id and value (default `field-<name>`, "1"). */
  id?: string;
  value?: string;
}) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="checkbox">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? "1"}
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />{" "}
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Errors of one form, or none when another form on the page came back. */
export function errorsOf(form: { name: string; errors: FieldError[] } | null, name: string) {
  return form && form.name === name ? form.errors : [];
}

export { Paragraphs } from "../../components/message-thread.tsx";
/** A titled part of a page: the directory's pages and these share one. */
export { Section } from "../../components.tsx";
