import { DELIVERIES, NOTIFICATION_KINDS } from "../../../modules/notifications/kinds.ts";
import type { NotificationPreferencesView } from "../../../modules/notifications/notifications.schemas.ts";
import { CsrfField, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { FormErrorSummary, type FormState, formTitle } from "./shared.tsx";

const DELIVERY_LABELS = {
  immediate: "notifications.delivery.immediate",
  digest: "notifications.delivery.digest",
  none: "notifications.delivery.none",
} as const;

/** The form field of a kind: one radio group per row of the table. */
export const preferenceField = (kind: string) => `kind.${kind}`;

/**
 * How the signed-in user hears of each kind of event: a table of kinds × {immediately, daily
 * digest, never}, each row a radio group named by its row and column headers.
 */
export function NotificationPreferencesPage(props: {
  page: PageContext;
  view: NotificationPreferencesView;
  saved: boolean;
  form: FormState;
}) {
  const { page, view, saved, form } = props;
  const { t } = page;
  const title = t("notifications.page.title");
  const time = new Intl.DateTimeFormat(page.language === "ja" ? "ja-JP" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: view.digest.timeZone,
    timeZoneName: "long",
  }).format(new Date(Date.UTC(2026, 0, 1, view.digest.hour - 9)));
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      {saved ? <Notice kind="success">{t("notifications.page.saved")}</Notice> : null}
      <FormErrorSummary page={page} errors={form.errors} />
      <p>{t("notifications.page.lead", { time })}</p>
      <form class="stack wide-form" method="post" action="/account/notifications" noValidate>
        <CsrfField token={page.csrfToken} />
        <div class="table-wrap">
          <table class="data" id="notification-preferences">
            <caption>{t("notifications.page.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("notifications.page.column.kind")}</th>
                {DELIVERIES.map((delivery) => (
                  <th scope="col" id={`delivery-${delivery}`} key={delivery}>
                    {t(DELIVERY_LABELS[delivery])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.preferences.map((preference) => {
                const field = preferenceField(preference.kind);
                const chosen = form.values[field] ?? preference.delivery;
                return (
                  <tr key={preference.kind}>
                    <th scope="row" id={`kind-${preference.kind}`}>
                      {t(NOTIFICATION_KINDS[preference.kind].label)}
                    </th>
                    {DELIVERIES.map((delivery) => (
                      <td key={delivery}>
                        <input
                          type="radio"
                          name={field}
                          value={delivery}
                          id={`${field}-${delivery}`}
                          checked={chosen === delivery}
                          aria-labelledby={`kind-${preference.kind} delivery-${delivery}`}
                        />
                        {preference.defaultDelivery === delivery ? (
                          <span class="hint"> {t("notifications.page.default")}</span>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <SubmitButton>{t("notifications.page.save")}</SubmitButton>
      </form>
      <p>
        <a href="/account">{t("notifications.page.back")}</a>
      </p>
    </Layout>
  );
}
