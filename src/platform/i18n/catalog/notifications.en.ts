import type { notificationsJa } from "./notifications.ja.ts";

export const notificationsEn: Record<keyof typeof notificationsJa, string> = {
  "notifications.kind.report_submitted": "A new report",
  "notifications.kind.report_answered": "A finder answers a request for information",
  "notifications.kind.finder_message": "A message from a finder",
  "notifications.kind.site_case_news": "News of a web-application case",
  "notifications.kind.case_opened": "A report is forwarded to the coordinator, or a case is opened",
  "notifications.kind.vendor_acknowledged": "A vendor acknowledges a case",
  "notifications.kind.vendor_status": "A vendor reports its status",
  "notifications.kind.vendor_countermeasure": "A vendor adds a countermeasure (fix or workaround)",
  "notifications.kind.case_attention":
    "Matters for the coordinator (no response, publication alerts, requests)",
  "notifications.kind.case_message": "A message in a case",
  "notifications.kind.priority_provision":
    "Priority provision: agreements asked and answered, packages delivered",
  "notifications.kind.case_news":
    "Notifications, reminders, schedule and updates of cases you take part in",
  "notifications.kind.advisory_published": "An advisory is published",
  "notifications.kind.analysis_share":
    "A case is shared with an outside analysis organization, or the share is revoked",
  "notifications.kind.report_progress": "Progress of your own reports",
  "notifications.kind.report_requests": "Requests and messages from the desk on your reports",

  "notifications.delivery.immediate": "Immediately",
  "notifications.delivery.digest": "In a daily digest",
  "notifications.delivery.none": "Never",

  "notifications.page.title": "E-mail notifications",
  "notifications.page.lead":
    "Choose for each kind of event how you hear of it by e-mail. The digest gathers the events of the day into one message, sent every day at {time}. Mail never contains report text: only what happened, the receipt or case number and a link.",
  "notifications.page.caption": "Kinds of event and how you hear of them",
  "notifications.page.column.kind": "Event",
  "notifications.page.default": "(default)",
  "notifications.page.save": "Save",
  "notifications.page.saved": "Your notification settings were saved.",
  "notifications.page.back": "Back to your account",
  "notifications.page.invalid": "Choose one of the options.",
  "notifications.account.link": "E-mail notification settings",
  "notifications.account.heading": "E-mail notifications",
  "notifications.account.lead":
    "Hear of new reports and case events immediately, in a daily digest, or not at all.",

  "notifications.digest.item": "- {reference}: {what}\n  {at}\n  {link}",
  "notifications.what.generic": "There is an update.",
  "notifications.what.reportSubmitted": "A new report arrived.",
  "notifications.what.reportResubmitted": "The finder answered the request for information.",
  "notifications.what.finderDraftComment": "The finder commented on the draft advisory.",
  "notifications.what.finderMessage": "There is a message from the finder.",
  "notifications.what.caseOpened": "A new case (a forwarded report or an opened case).",
  "notifications.what.caseOpenedFromReport": "A new case: report {receiptNumber} was forwarded.",
  "notifications.what.caseOpenedByCsirt": "A new case opened by the CSIRT {organization}.",
  "notifications.what.caseOpenedBySelfReport":
    "A new case opened by the vendor {organization} (its own report).",
  "notifications.what.vendorAcknowledged": "{vendor} acknowledged the case.",
  "notifications.what.vendorStatus": "{vendor} reported its status.",
  "notifications.what.vendorCountermeasure": "{vendor} added a countermeasure (fix or workaround).",
  "notifications.what.finderDraftCommentRelayed":
    "The finder commented on the draft advisory (relayed by the desk).",
  "notifications.what.coordinatorWroteToFinder":
    "The coordinator wrote to the finder of case {caseNumber}; relay it from the report page.",
  "notifications.what.draftReady": "A draft advisory is ready for your review.",
  "notifications.what.caseMessage": "There is a new message in the case.",
  "notifications.what.caseEscalated": "A vendor has not answered its reminders.",
  "notifications.what.casePublicationAlert": "Publication is near and the case is not ready.",
  "notifications.what.caseUpdated": "The case was updated.",
  "notifications.what.caseNotified": "A vulnerability notification.",
  "notifications.what.caseReminder": "Reminder: the case awaits your answer.",
  "notifications.what.caseScheduleChanged": "The publication schedule changed.",
  "notifications.what.advisoryPublished": "Advisory {advisoryId} is published.",
  "notifications.what.infoRequested": "The desk asks for more information (your answer is needed).",
  "notifications.what.accepted": "Your report was accepted.",
  "notifications.what.rejected": "Your report was not accepted.",
  "notifications.what.forwardedToCoordinator": "Your report was forwarded to the coordinator.",
  "notifications.what.forwardedToOperator": "The site operator was notified of your report.",
  "notifications.what.publicationDateSet": "A publication date was set: {date}",
  "notifications.what.closed": "Your report was closed.",
  "notifications.what.deskMessage": "There is a message from the desk.",
  "notifications.what.deskMessageReplyAwaited":
    "There is a message from the desk (your reply is awaited).",
  "notifications.what.consultationAnswered": "The desk answered your disclosure consultation.",

  "mail.notice.subject": "[Kakehashi] {reference}: {what}",
  "mail.notice.body":
    "{what}\nReceipt or case number: {reference}\n\nPlease sign in on the page below to see it.\n{link}",
  "mail.notificationDigest.subject":
    "[Kakehashi] Summary of your notifications since the last one ({count})",
  "mail.notificationDigest.body":
    "Dear {name},\n\nThis is what happened since the last digest. Sign in on each link to see it.\n\n{items}\n\nYou can change how you are notified here:\n{preferencesLink}",
  "mail.reportInfoRequested.subject":
    "[Kakehashi] Action needed: the desk asks for more information on report {receiptNumber}",
  "mail.reportInfoRequested.body":
    "Dear {name},\n\nThe intake desk asks for more information on report {receiptNumber}. Please sign in on the page below, read the request and answer it from the report's page. The report waits for your answer.\n{link}",
  "mail.reportAccepted.subject": "[Kakehashi] Report {receiptNumber} was accepted",
  "mail.reportAccepted.body":
    "Dear {name},\n\nYour report {receiptNumber} was accepted. The intake desk now prepares to inform the vendor or the site operator. You can follow it here (sign-in required):\n{link}",
  "mail.reportRejected.subject": "[Kakehashi] Report {receiptNumber} was not accepted",
  "mail.reportRejected.body":
    "Dear {name},\n\nYour report {receiptNumber} was not accepted. The intake desk gives this reason:\n\n{reason}\n\nYour report (sign-in required):\n{link}",
  "mail.reportForwardedToCoordinator.subject":
    "[Kakehashi] Report {receiptNumber} was forwarded to the coordinator",
  "mail.reportForwardedToCoordinator.body":
    "Dear {name},\n\nYour report {receiptNumber} was forwarded to the coordinator, who now agrees countermeasures and a publication schedule with the vendors. You can follow it here (sign-in required):\n{link}",
  "mail.reportForwardedToOperator.subject":
    "[Kakehashi] Report {receiptNumber} was forwarded to the site operator",
  "mail.reportForwardedToOperator.body":
    "Dear {name},\n\nThe intake desk notified the site operator of your report {receiptNumber}. You can follow the operator's answer here (sign-in required):\n{link}",
  "mail.reportPublicationDateSet.subject":
    "[Kakehashi] A publication date was set for report {receiptNumber}",
  "mail.reportPublicationDateSet.body":
    "Dear {name},\n\nA publication date was set for the vulnerability of your report {receiptNumber} (it may still change):\n\nPlanned publication: {date}\n\nPlease do not disclose the vulnerability before then. Details (sign-in required):\n{link}",
  "mail.reportClosed.subject": "[Kakehashi] Report {receiptNumber} was closed ({outcome})",
  "mail.reportClosed.body":
    "Dear {name},\n\nYour report {receiptNumber} was closed.\nOutcome: {outcome}\n\nAny message from the intake desk is on the report's page (sign-in required):\n{link}",
  "mail.reportDeskMessage.subject":
    "[Kakehashi] New message from the desk on report {receiptNumber}",
  "mail.reportDeskMessage.body":
    "Dear {name},\n\nThe intake desk wrote to you about report {receiptNumber}. Please sign in on the page below to read it.\n{link}",
  "mail.reportDeskMessageReplyAwaited.subject":
    "[Kakehashi] Reply needed: message from the desk on report {receiptNumber}",
  "mail.reportDeskMessageReplyAwaited.body":
    "Dear {name},\n\nThe intake desk wrote to you about report {receiptNumber} and awaits your answer. Please sign in on the page below to read it and reply.\n{link}",
  "mail.reportConsultationAnswered.subject":
    "[Kakehashi] The desk answered your disclosure consultation on report {receiptNumber}",
  "mail.reportConsultationAnswered.body":
    "Dear {name},\n\nThe intake desk answered your consultation about disclosing report {receiptNumber}. Please sign in on the page below to read the answer.\n{link}",
  "mail.reportDraftReady.subject":
    "[Kakehashi] You may review the draft advisory for report {receiptNumber}",
  "mail.reportDraftReady.body":
    "Dear {name},\n\nThe coordinator prepared a draft of the advisory that will publish the vulnerability of your report {receiptNumber}. Before publication you may read its public parts and comment on the credit and the accuracy, on the report's page (sign-in required):\n{link}",
  // The finder's pending action at the top of the report's page.
  "reports.pending.needsInfo.title": "Your action is needed: the desk asks for more information",
  "reports.pending.needsInfo.body":
    "Read the request in the messages and answer with the form on this page. The report waits for your answer.",
  "reports.pending.needsInfo.readRequest": "Read the request (messages)",
  "reports.pending.needsInfo.answer": "Answer it (the answer form)",
  "reports.pending.draftReady.title": "A draft advisory is ready for your review",
  "reports.pending.draftReady.body":
    "Before publication, read the parts that will be public and tell the desk if the credit or anything else is not accurate.",
  "reports.pending.draftReady.link": "Read the draft and comment",
};
