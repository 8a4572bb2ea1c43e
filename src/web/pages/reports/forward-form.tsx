import type { OperatorChoice, OperatorChoices } from "../../../modules/reports/operator-choices.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { CsrfField, Field, type FieldError, SubmitButton } from "../../components.tsx";

/** One operator as a radio choice, with the domain that matched the report's site. */
function OperatorOption(props: {
  t: Translate;
  choice: OperatorChoice;
  prefix: string;
  checked: boolean;
}) {
  const { t, choice } = props;
  const id = `operator-${props.prefix}-${choice.id}`;
  return (
    <div class="checkbox">
      <input
        type="radio"
        id={id}
        name="operatorOrganizationId"
        value={choice.id}
        checked={props.checked}
        aria-describedby={`${id}-details`}
      />{" "}
      <label for={id}>{choice.name}</label>
      <p class="hint" id={`${id}-details`}>
        {choice.matchedDomain
          ? t("desk.forward.matchedDomain", { domain: choice.matchedDomain })
          : t("desk.forward.domains", { domains: choice.domains.join(", ") || "—" })}
        {choice.contactEmail
          ? ` / ${t("desk.forward.contact", { email: choice.contactEmail })}`
          : ""}
      </p>
    </div>
  );
}

/**
 * The forward action. A product report goes to the coordinator; a web report names its operator:
 * one of the directory (matched by the site's host, or found by a search) or, for an operator
 * not yet in it, a name and contact address. The search is a GET form of its own (forms do not
 * nest), so the page works without script.
 */
export function ForwardForm(props: {
  t: Translate;
  base: string;
  csrfToken: string;
  kind: "product" | "web";
  operators: OperatorChoices | null;
  values: Record<string, string>;
  errors: FieldError[];
  /** The template chosen on the page, kept across a search. */
  template: string | null;
}) {
  const { t, base, values, errors, operators } = props;
  const chosen = values.operatorOrganizationId ?? "";
  const listed = new Set<string>();
  const option = (choice: OperatorChoice, prefix: string) => {
    listed.add(choice.id);
    return (
      <OperatorOption
        key={`${prefix}-${choice.id}`}
        t={t}
        choice={choice}
        prefix={prefix}
        checked={chosen === choice.id}
      />
    );
  };
  const operatorError = errors.find((error) => error.path === "operatorOrganizationId");
  return (
    <>
      {props.kind === "web" && operators ? (
        <form method="get" action={`${base}#action-forward`} class="stack operator-search">
          {props.template ? <input type="hidden" name="template" value={props.template} /> : null}
          <Field
            name="operatorQuery"
            label={t("desk.forward.search.label")}
            value={operators.query}
          />
          <SubmitButton variant="secondary">{t("desk.forward.search.submit")}</SubmitButton>
        </form>
      ) : null}
      <form method="post" action={`${base}/forward`} class="stack" noValidate>
        <CsrfField token={props.csrfToken} />
        {props.kind === "product" ? (
          <p>{t("reports.actions.forwardProductLead")}</p>
        ) : (
          <fieldset
            id="field-operatorOrganizationId"
            class={operatorError ? "checkbox-group field-error" : "checkbox-group"}
            aria-describedby="operator-hint"
          >
            <legend>{t("desk.forward.operator.legend")}</legend>
            <p class="hint" id="operator-hint">
              {t("desk.forward.operator.hint")}
            </p>
            {operatorError ? <p class="error-message">{operatorError.message}</p> : null}
            {operators?.host ? (
              <>
                <h4>{t("desk.forward.matches", { host: operators.host })}</h4>
                {operators.matches.length === 0 ? (
                  <p>{t("desk.forward.noMatches", { host: operators.host })}</p>
                ) : (
                  operators.matches.map((choice) => option(choice, "match"))
                )}
              </>
            ) : null}
            {operators?.results ? (
              <>
                <h4>{t("desk.forward.results", { query: operators.query })}</h4>
                {operators.results.length === 0 ? (
                  <p>{t("desk.forward.noResults", { query: operators.query })}</p>
                ) : (
                  operators.results
                    .filter((choice) => !listed.has(choice.id))
                    .map((choice) => option(choice, "result"))
                )}
              </>
            ) : null}
            <div class="checkbox">
              <input
                type="radio"
                id="operator-new"
                name="operatorOrganizationId"
                value=""
                checked={chosen === "" && (values.operatorName ?? "") !== ""}
                aria-describedby="operator-new-hint"
              />{" "}
              <label for="operator-new">{t("desk.forward.new")}</label>
              <p class="hint" id="operator-new-hint">
                {t("desk.forward.newHint")}
              </p>
            </div>
            <Field
              name="operatorName"
              label={t("reports.actions.operatorName")}
              value={values.operatorName ?? ""}
              errors={errors}
              autocomplete="organization"
            />
            <Field
              name="operatorContactEmail"
              label={t("reports.actions.operatorContactEmail")}
              type="email"
              value={values.operatorContactEmail ?? ""}
              errors={errors}
            />
          </fieldset>
        )}
        <Field
          name="forwardMessage"
          label={t("desk.forward.message")}
          multiline
          rows={4}
          value={values.forwardMessage ?? ""}
          errors={errors}
        />
        <SubmitButton>{t("reports.actions.forward")}</SubmitButton>
      </form>
    </>
  );
}
