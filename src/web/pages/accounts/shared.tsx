import type { ComponentChildren } from "preact";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { CsrfField, ErrorSummary, Field, type FieldError, SelectField } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";

/** What a form shows again after a refusal: the values typed (never passwords) and the problems. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: [] };

/** The page title, prefixed with "Error:" while the form shows problems (announced first). */
export function formTitle(page: PageContext, title: string, form: FormState): string {
  return form.errors.length > 0 ? page.t("accounts.errorTitle", { title }) : title;
}

/** The problems at the top of an account form. */
export function FormErrorSummary(props: { page: PageContext; errors: FieldError[] }) {
  return <ErrorSummary title={props.page.t("accounts.errorSummary.title")} errors={props.errors} />;
}

/** The choice of account language, each language named in itself as well. */
export function LanguageSelect(props: {
  page: PageContext;
  value: string;
  errors?: FieldError[];
  hint?: string;
}) {
  const { t } = props.page;
  return (
    <SelectField
      name="language"
      label={t("accounts.field.language")}
      value={props.value}
      errors={props.errors ?? []}
      autocomplete="language"
      {...(props.hint ? { hint: props.hint } : {})}
      options={[
        { value: "ja", label: t("accounts.language.ja") },
        { value: "en", label: t("accounts.language.en") },
      ]}
    />
  );
}

/** A hidden `next` field, so a flow returns the user where they were. */
export function NextField(props: { next: string | null }) {
  return props.next ? <input type="hidden" name="next" value={props.next} /> : null;
}

/** A page that only says something and offers where to go next. */
export function MessagePage(props: {
  page: PageContext;
  title: string;
  status?: "success" | "info" | "warning";
  paragraphs: string[];
  links?: { href: string; label: string }[];
  children?: ComponentChildren;
}) {
  const { page, title, paragraphs, links = [] } = props;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <div class={`notice notice-${props.status ?? "info"}`} role="status">
        {paragraphs.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      {props.children}
      {links.length > 0 ? (
        <ul class="link-list">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </Layout>
  );
}

/** The password rules, shown beside every new-password field. */
export const PASSWORD_HINT: MessageKey = "accounts.password.hint";

/**
 * An account form page: the title (marked while the form shows problems), an optional lead,
 * the problems, then the form posting to `action` with its CSRF field (and `next`, if given).
 */
export function AccountFormPage(props: {
  page: PageContext;
  title: string;
  form: FormState;
  action: string;
  /** What stands between the heading and the problems (a lead paragraph). */
  lead?: ComponentChildren;
  next?: string | null;
  /** The form's fields and its button. */
  children: ComponentChildren;
  /** What follows the form (links elsewhere). */
  after?: ComponentChildren;
}) {
  const { page, title, form } = props;
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      {props.lead}
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action={props.action} noValidate>
        <CsrfField token={page.csrfToken} />
        <NextField next={props.next ?? null} />
        {props.children}
      </form>
      {props.after}
    </Layout>
  );
}

/** The e-mail address field of an account form, with the value typed before. */
export function EmailField(props: {
  page: PageContext;
  form: FormState;
  autocomplete: "email" | "username";
  hint?: string;
}) {
  const { page, form } = props;
  return (
    <Field
      name="email"
      type="email"
      label={page.t("accounts.field.email")}
      hint={props.hint}
      value={form.values.email}
      errors={form.errors}
      required
      autocomplete={props.autocomplete}
      inputMode="email"
    />
  );
}

/** A message page whose way on is signing in. */
export function SignInNextPage(props: {
  page: PageContext;
  title: string;
  status?: "success" | "info" | "warning";
  paragraphs: string[];
}) {
  const { page } = props;
  return (
    <MessagePage
      page={page}
      title={props.title}
      {...(props.status ? { status: props.status } : {})}
      paragraphs={props.paragraphs}
      links={[{ href: "/signin", label: page.t("accounts.signin.link") }]}
    />
  );
}
