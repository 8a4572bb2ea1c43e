import type { ComponentChildren } from "preact";
import type { Language } from "../../platform/i18n/i18n.ts";
import { CsrfField, DateTime, Field, type FieldError, SubmitButton } from "../components.tsx";

/** Multi-line text kept as typed (line breaks shown by CSS white-space on .prose-text). */
export function Paragraphs(props: { text: string }) {
  return (
    <div class="report-text">
      {props.text.split(/\r?\n/).map((line, index) => (
        <p key={index}>{line === "" ? "\u00a0" : line}</p>
      ))}
    </div>
  );
}

export interface ThreadMessage {
  id: string;
  body: string;
  createdAt: string;
}

/**
 * One thread of messages, oldest first: who wrote each (the caller names the sender, in the
 * page's language), when, and the text. Shared by reports, site cases and cases.
 */
export function MessageThread<M extends ThreadMessage>(props: {
  messages: readonly M[];
  language: Language;
  empty: string;
  sender: (message: M) => ComponentChildren;
}) {
  if (props.messages.length === 0) return <p>{props.empty}</p>;
  return (
    <ol class="message-thread">
      {props.messages.map((message) => (
        <li key={message.id}>
          <p>
            <strong>{props.sender(message)}</strong>{" "}
            <DateTime value={message.createdAt} language={props.language} />
          </p>
          <Paragraphs text={message.body} />
        </li>
      ))}
    </ol>
  );
}

/** The form under a thread: one text area and a send button; extra fields go before it. */
export function MessageForm(props: {
  action: string;
  csrfToken: string;
  name?: string;
  label: string;
  hint?: string | undefined;
  submit: string;
  value: string;
  errors: FieldError[];
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} class="stack" noValidate>
      <CsrfField token={props.csrfToken} />
      {props.children}
      <Field
        name={props.name ?? "body"}
        label={props.label}
        hint={props.hint}
        multiline
        rows={4}
        required
        value={props.value}
        errors={props.errors}
      />
      <SubmitButton variant="secondary">{props.submit}</SubmitButton>
    </form>
  );
}
