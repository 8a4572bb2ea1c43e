import type { WebhookEventType } from "../../../modules/webhooks/webhooks.schemas.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import { Field, type FieldError } from "../../components.tsx";

/** What the endpoint forms send back to their page when refused. */
export interface EndpointFormValues {
  url: string;
  description: string;
  events: string[];
  active: boolean;
}

export function eventLabel(t: Translate, type: string): string {
  return t(`webhooks.event.${type as WebhookEventType | "webhook.test"}`);
}

/** The event checkboxes, as a group with its legend, hint and error. */
export function EventCheckboxes(props: {
  t: Translate;
  available: readonly WebhookEventType[];
  chosen: readonly string[];
  errors: FieldError[];
}) {
  const { t, available, chosen, errors } = props;
  const error = errors.find((entry) => entry.path === "events");
  return (
    <ChoiceGroup
      name="events"
      legend={t("webhooks.field.events")}
      hint={t("webhooks.field.eventsHint")}
      error={error?.message}
      chosen={chosen}
      choices={available.map((type) => ({
        value: type,
        label: (
          <>
            {eventLabel(t, type)} <code>{type}</code>
          </>
        ),
      }))}
    />
  );
}

/** The secret, shown once after creation or rotation. */
export function SecretOnce(props: { t: Translate; secret: string }) {
  const { t, secret } = props;
  return (
    <section class="notice notice-warning webhook-secret" aria-labelledby="webhook-secret-heading">
      <h2 id="webhook-secret-heading">{t("webhooks.secret.heading")}</h2>
      <p>{t("webhooks.secret.once")}</p>
      <pre class="command">
        <code id="webhook-secret">{secret}</code>
      </pre>
    </section>
  );
}

/** The fields of an endpoint's form (registering one, changing one): its URL, note and events. */
export function EndpointFields(props: {
  t: Translate;
  available: readonly WebhookEventType[];
  form: EndpointFormValues;
  errors: FieldError[];
}) {
  const { t, available, form, errors } = props;
  return (
    <>
      <Field
        name="url"
        label={t("webhooks.field.url")}
        hint={t("webhooks.field.urlHint")}
        type="url"
        value={form.url}
        errors={errors}
        required
      />
      <Field
        name="description"
        label={t("webhooks.field.description")}
        value={form.description}
        errors={errors}
      />
      <EventCheckboxes t={t} available={available} chosen={form.events} errors={errors} />
    </>
  );
}
