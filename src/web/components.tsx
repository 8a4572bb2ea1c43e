import type { ComponentChildren, InputHTMLAttributes } from "preact";
import { CSRF_FIELD } from "../platform/http/security.ts";
import { formatInstant, type Language } from "../platform/i18n/i18n.ts";

/** A field's problem, as problem+json `errors` give it ({ path, message }). */
export interface FieldError {
  path: string;
  message: string;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

/**
 * Lists the problems at the top of a form, each linking to its field (GOV.UK / デジタル庁 pattern).
 * It takes the focus when the page loads (autofocus: no script needed), so screen readers
 * announce it first.
 */
export function ErrorSummary(props: { title: string; errors: FieldError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      tabIndex={-1}
      autofocus
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {props.errors.map((error) => (
          <li key={`${error.path}:${error.message}`}>
            {error.path ? <a href={`#field-${error.path}`}>{error.message}</a> : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What every labelled control shares: the id `field-<name>` (the error summary links to it), the
 * label with its required mark, the hint and the error, and the aria attributes that tie them
 * to the control.
 */
function FieldFrame(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  required?: boolean | undefined;
  control: (aria: {
    id: string;
    "aria-describedby": string | undefined;
    "aria-invalid": "true" | undefined;
  }) => ComponentChildren;
}) {
  const id = `field-${props.name}`;
  const error = props.errors?.find((entry) => entry.path === props.name);
  const describedBy =
    [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required">*</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error.message}
        </p>
      ) : null}
      {props.control({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": error ? "true" : undefined,
      })}
    </div>
  );
}

/** A labelled select with its hint and error, shaped like Field (id `field-<name>`). */
export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string; lang?: string }[];
  value?: string | undefined;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  required?: boolean;
  autocomplete?: string;
}) {
  return (
    <FieldFrame
      {...props}
      control={(aria) => (
        <select
          id={aria.id}
          name={props.name}
          required={props.required}
          autocomplete={props.autocomplete}
          aria-describedby={aria["aria-describedby"]}
          aria-invalid={aria["aria-invalid"]}
        >
          {props.options.map((option) => (
            <option
              key={option.value}
              value={option.value}
              lang={option.lang}
              selected={option.value === props.value}
            >
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * A labelled input with its hint and error. The id is `field-<name>` so the error summary can
 * link to it; aria-describedby ties hint and error to the input.
 */
export function Field(props: {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "date" | "datetime-local" | "number";
  value?: string | undefined;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  required?: boolean;
  autocomplete?: string;
  inputMode?: "numeric" | "email" | "text" | "url";
  multiline?: boolean;
  rows?: number;
}) {
  return (
    <FieldFrame
      {...props}
      control={(aria) => {
        const common = {
          id: aria.id,
          name: props.name,
          required: props.required,
          "aria-describedby": aria["aria-describedby"],
          "aria-invalid": aria["aria-invalid"],
          autocomplete: props.autocomplete,
        };
        return props.multiline ? (
          <textarea {...common} rows={props.rows ?? 5}>
            {props.value ?? ""}
          </textarea>
        ) : (
          <input
            {...({
              ...common,
              type: props.type ?? "text",
              value: props.value ?? "",
              inputMode: props.inputMode,
            } as InputHTMLAttributes<HTMLInputElement>)}
          />
        );
      }}
    />
  );
}

export function SubmitButton(props: {
  children: ComponentChildren;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <button type="submit" class={`button button-${props.variant ?? "primary"}`}>
      {props.children}
    </button>
  );
}

/** A message after an action: status (role=status) or a warning. */
export function Notice(props: {
  kind?: "success" | "info" | "warning";
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${props.kind ?? "info"}`} role="status">
      {props.children}
    </div>
  );
}

/** An instant shown with its time zone (Asia/Tokyo), machine-readable in datetime. */
export function DateTime(props: { value: string | Date; language: Language }) {
  const instant = typeof props.value === "string" ? new Date(props.value) : props.value;
  return <time dateTime={instant.toISOString()}>{formatInstant(instant, props.language)}</time>;
}

/**
 * Cursor pagination under a list: a link back to the first page (once past it) and one to the
 * next page (while there is one). Nothing when the list fits one page.
 */
export function Pagination(props: {
  label: string;
  first?: { href: string; label: string } | null | undefined;
  next?: { href: string; label: string } | null | undefined;
}) {
  const { first, next } = props;
  if (!first && !next) return null;
  return (
    <nav aria-label={props.label}>
      <ul>
        {first ? (
          <li>
            <a href={first.href}>{first.label}</a>
          </li>
        ) : null}
        {next ? (
          <li>
            <a href={next.href} rel="next">
              {next.label}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A titled part of a page, labelled by its heading. */
export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
    </section>
  );
}
