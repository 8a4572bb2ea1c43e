import type { SiteCaseMessage } from "../../../modules/site-cases/site-cases.schemas.ts";
import { MessageForm, MessageThread } from "../../components/message-thread.tsx";
import { Notice } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { Section } from "../reports/shared.tsx";
import type { FormState } from "./shared.tsx";

/**
 * The desk ⇄ operator thread (R-WEB-5), for those who may read it, and the form under it while
 * the case is open.
 */
export function MessagesSection(props: {
  page: PageContext;
  base: string;
  operator: boolean;
  /** Null: the viewer may not read the thread (a desk member not handling the report). */
  messages: SiteCaseMessage[] | null;
  mayWrite: boolean;
  form: FormState;
}) {
  const { page, messages } = props;
  const { t, language } = page;
  return (
    <Section
      id="site-case-messages"
      title={props.operator ? t("siteCases.messages.heading") : t("siteCases.messages.headingDesk")}
    >
      {messages === null ? (
        <Notice kind="info">
          <p>{t("siteCases.messages.hidden")}</p>
        </Notice>
      ) : (
        <>
          <MessageThread
            messages={messages}
            language={language}
            empty={t("siteCases.messages.empty")}
            sender={(message) =>
              message.from === "operator"
                ? t("siteCases.messages.from.operator")
                : t("siteCases.messages.from.intake")
            }
          />
          {props.mayWrite ? (
            <MessageForm
              action={`${props.base}/messages`}
              csrfToken={page.csrfToken}
              label={t("siteCases.messages.body")}
              hint={t("siteCases.messages.bodyHint")}
              submit={t("siteCases.messages.send")}
              value={props.form.value("message", "body")}
              errors={props.form.errorsFor("message")}
            />
          ) : null}
        </>
      )}
    </Section>
  );
}
