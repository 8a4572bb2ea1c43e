import type { ActionFormSpec } from "../../modules/actions/action-table.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import { CsrfField, Field, type FieldError, SelectField, SubmitButton } from "../components.tsx";

interface TableEntry {
  path: string;
  viewers: readonly string[];
  form?: ActionFormSpec | undefined;
}

/**
 * The forms of a table's actions that no page draws by hand (those whose form has a heading),
 * for the kinds of viewer that may take them: a new action appears on the record's page with
 * its entry in the table alone. The form posts where the table's form handler listens.
 */
export function GeneratedActionForms(props: {
  t: Translate;
  csrfToken: string;
  /** The record's page, e.g. `/cases/<id>`. */
  base: string;
  viewerKind: string;
  /** The record as the caller sees it, for the choices of its selects. */
  record: unknown;
  table: Readonly<Record<string, TableEntry>>;
  /**
   * The forms of this part of the page (the table's `section`); absent: those without one,
   * under their own heading (`id`, `title`).
   */
  section?: string;
  /** The heading of the forms without a section. */
  id?: string;
  title?: string;
  /** The form sent back with errors, if any. */
  sent: { name: string; values: Record<string, string>; errors: FieldError[] } | null;
}) {
  const { t } = props;
  const entries = Object.values(props.table).filter(
    (
      entry,
    ): entry is TableEntry & {
      form: ActionFormSpec & { heading: NonNullable<ActionFormSpec["heading"]> };
    } =>
      entry.form?.heading !== undefined &&
      entry.viewers.includes(props.viewerKind) &&
      entry.form.section === props.section &&
      (entry.form.offered?.(props.record) ?? true) &&
      !(entry.form.path ?? entry.path).includes(":") &&
      // A choice that has nothing to choose from leaves nothing to do.
      Object.values(entry.form.fields).every(
        (field) => !field.choices || field.choices(props.record as never).length > 0,
      ),
  );
  if (entries.length === 0) return null;
  const forms = entries.map(({ form, path }) => {
    const sent = props.sent?.name === form.name ? props.sent : null;
    const errors = sent?.errors ?? [];
    const heading = <h3 id={`action-${form.name}`}>{t(form.heading)}</h3>;
    const body = (
      <form method="post" action={`${props.base}/${form.path ?? path}`} class="stack" noValidate>
        <CsrfField token={props.csrfToken} />
        {Object.entries(form.fields).map(([name, field]) => {
          const common = {
            name,
            label: t(field.label),
            hint: field.hint ? t(field.hint) : undefined,
            value: sent?.values[name] ?? "",
            errors,
          };
          return field.kind === "select" ? (
            <SelectField
              key={name}
              {...common}
              options={
                field.choices
                  ? field.choices(props.record as never)
                  : (field.options ?? []).map((option) => ({
                      value: option.value,
                      label: t(option.label),
                    }))
              }
            />
          ) : (
            <Field
              key={name}
              {...common}
              multiline={field.kind === "textarea"}
              type={field.kind === "datetime" ? "datetime-local" : "text"}
            />
          );
        })}
        <SubmitButton variant="secondary">
          {form.submit ? t(form.submit) : t(form.heading)}
        </SubmitButton>
      </form>
    );
    // A rarely used action is folded, and unfolded when its form came back refused.
    return form.rare ? (
      <details key={form.name} class="case-action case-action-rare" open={sent !== null}>
        <summary>{heading}</summary>
        {body}
      </details>
    ) : (
      <section key={form.name} class="case-action" aria-labelledby={`action-${form.name}`}>
        {heading}
        {body}
      </section>
    );
  });
  if (props.section !== undefined || !props.id) return <>{forms}</>;
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {forms}
    </section>
  );
}
