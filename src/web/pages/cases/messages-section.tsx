import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { MessageForm, MessageThread } from "../../components/message-thread.tsx";
import { SelectField } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { ActionBlock } from "./case-layout.tsx";
import { type CaseForm, type CaseMessage, type CaseView, errorsOf, formValue } from "./shared.tsx";

function addressLine(
  t: Translate,
  message: CaseMessage,
  viewer: CaseViewer,
  names: Map<string, string>,
): { from: string; to: string } {
  const party = (kind: string, orgId?: string | null) => {
    switch (kind) {
      case "coordinator":
        return t("casePages.messages.party.coordinator");
      case "intake":
        return t("casePages.messages.party.intake");
      case "csirt":
        return t("casePages.messages.party.csirt");
      case "finder":
        return t("casePages.messages.party.finder");
      case "vendors":
        return t("casePages.messages.party.vendors");
      case "vendor":
        if (viewer.kind === "vendor") return t("casePages.messages.party.yourOrganization");
        return (orgId ? names.get(orgId) : undefined) ?? t("casePages.messages.party.vendor");
      default:
        // A vendor's organization id: its name for the coordinator, "you" for that vendor.
        if (viewer.kind === "vendor") return t("casePages.messages.party.yourOrganization");
        return names.get(kind) ?? t("casePages.messages.party.vendor");
    }
  };
  const from = party(message.from, message.fromOrganizationId);
  return {
    from: message.authorName ? `${from} (${message.authorName})` : from,
    to: party(message.to),
  };
}

/** The case's messages as this viewer reads them, and what the thread is. */
export function MessagesThread(props: {
  page: PageContext;
  viewer: CaseViewer;
  messages: CaseMessage[];
  names: Map<string, string>;
}) {
  const { page, viewer, messages, names } = props;
  const { t, language } = page;
  return (
    <>
      <p class="hint">
        {viewer.kind === "coordinator"
          ? t("casePages.messages.leadCoordinator")
          : viewer.kind === "vendor"
            ? t("casePages.messages.lead")
            : t("casePages.messages.leadOther")}
      </p>
      <MessageThread
        messages={messages}
        language={language}
        empty={t("casePages.messages.empty")}
        sender={(message) => t("casePages.messages.fromTo", addressLine(t, message, viewer, names))}
      />
    </>
  );
}

/**
 * The form that writes to the case: the coordinator writes to one informed vendor, all of them,
 * the desk or the CSIRT; the others write to the coordinator (R-COO-5).
 */
export function MessageAction(props: {
  page: PageContext;
  view: CaseView;
  viewer: CaseViewer;
  form: CaseForm | null;
  base: string;
}) {
  const { page, view, viewer, form } = props;
  const { t } = page;
  const isCoordinator = viewer.kind === "coordinator";
  const recipients = isCoordinator
    ? [
        ...view.participants
          .filter((p) => p.status !== "identified")
          .map((p) => ({ value: p.organizationId, label: p.name ?? p.organizationId })),
        { value: "vendors", label: t("casePages.messages.toAllVendors") },
        ...(view.source === "csirt"
          ? [{ value: "csirt", label: t("casePages.messages.party.csirt") }]
          : [{ value: "intake", label: t("casePages.messages.party.intake") }]),
      ]
    : [];
  return (
    <ActionBlock id="action-message" title={t("casePages.messages.write")}>
      <MessageForm
        action={`${props.base}/messages`}
        csrfToken={page.csrfToken}
        label={t("casePages.messages.body")}
        submit={t("casePages.messages.send")}
        value={formValue(form, "message", "body")}
        errors={errorsOf(form, "message")}
      >
        {isCoordinator ? (
          <SelectField
            name="to"
            label={t("casePages.messages.to")}
            required
            value={formValue(form, "message", "to", "vendors")}
            errors={errorsOf(form, "message")}
            options={recipients}
          />
        ) : (
          <p>{t("casePages.messages.toCoordinator")}</p>
        )}
      </MessageForm>
    </ActionBlock>
  );
}
