import type { casesJa } from "./cases.ja.ts";

export const casesEn: Record<keyof typeof casesJa, string> = {
  "mail.caseNotified.subject": "[Kakehashi] Vulnerability notification ({caseNumber})",
  "mail.caseNotified.body":
    "Dear security contact,\n\nThe coordinator has a vulnerability report that concerns your organization. It is covered by your non-disclosure agreement, so this mail does not contain it. Please sign in on the page below to read it and acknowledge receipt.\n{link}",
  "mail.caseNotifiedEncrypted.subject": "[Kakehashi] Vulnerability notification ({caseNumber})",
  "mail.caseNotifiedEncrypted.body":
    "Dear security contact,\n\nThe coordinator notifies you of a vulnerability that concerns your organization (this mail is encrypted to your registered PGP key).\n\nTitle: {title}\n\nSummary:\n{description}\n\nPlease read the details and acknowledge receipt on the page below (sign-in required).\n{link}",
  "mail.caseReminder.subject":
    "[Kakehashi] Reminder: a vulnerability case awaits your answer ({caseNumber})",
  "mail.caseReminder.body":
    "Dear security contact,\n\nWe have not yet received your acknowledgement or status update for a vulnerability case in coordination. Please sign in on the page below.\n{link}",
  "mail.caseEscalated.subject": "[Kakehashi] A vendor does not respond ({caseNumber})",
  "mail.caseEscalated.body":
    "A vendor in one of your cases has not answered its reminders. Check its contacts or consider marking it unresponsive.\n{link}",
  "mail.caseMessage.subject": "[Kakehashi] New message in a case ({caseNumber})",
  "mail.caseMessage.body":
    "There is a new message in a case. Please sign in on the page below to read it.\n{link}",
  "mail.caseScheduleChanged.subject": "[Kakehashi] The publication date has changed ({caseNumber})",
  "mail.caseScheduleChanged.body":
    "The schedule of a case was revised. See the new dates and the reason on the page below (sign-in required).\n{link}",
  "mail.caseUpdated.subject": "[Kakehashi] A case was updated ({caseNumber})",
  "mail.caseUpdated.body":
    "A case was updated. Please sign in on the page below to see what changed.\n{link}",
  "mail.casePublicationAlert.subject":
    "[Kakehashi] Publication is near and a case is not ready ({caseNumber})",
  "mail.casePublicationAlert.body":
    "A case's publication date is near, and its advisory is not approved or a vendor's countermeasure is missing. See the page below.\n{link}",
};
