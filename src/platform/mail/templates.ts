import { type Language, type MessageKey, translator } from "../i18n/i18n.ts";

/**
 * Mail templates: a subject and a body from the i18n catalogs, so every message exists in
 * Japanese and English and a missing text fails the type check. Modules add their own.
 */
const templates = {
  test: { subject: "mail.test.subject", body: "mail.test.body" },
  reportReceived: { subject: "mail.reportReceived.subject", body: "mail.reportReceived.body" },
  verifyEmail: { subject: "mail.verifyEmail.subject", body: "mail.verifyEmail.body" },
  invitation: { subject: "mail.invitation.subject", body: "mail.invitation.body" },
  passwordReset: { subject: "mail.passwordReset.subject", body: "mail.passwordReset.body" },
  passwordChanged: { subject: "mail.passwordChanged.subject", body: "mail.passwordChanged.body" },
  caseNotified: { subject: "mail.caseNotified.subject", body: "mail.caseNotified.body" },
  caseNotifiedEncrypted: {
    subject: "mail.caseNotifiedEncrypted.subject",
    body: "mail.caseNotifiedEncrypted.body",
  },
  caseReminder: { subject: "mail.caseReminder.subject", body: "mail.caseReminder.body" },
  caseEscalated: { subject: "mail.caseEscalated.subject", body: "mail.caseEscalated.body" },
  caseMessage: { subject: "mail.caseMessage.subject", body: "mail.caseMessage.body" },
  caseScheduleChanged: {
    subject: "mail.caseScheduleChanged.subject",
    body: "mail.caseScheduleChanged.body",
  },
  caseUpdated: { subject: "mail.caseUpdated.subject", body: "mail.caseUpdated.body" },
  advisoryPublished: {
    subject: "mail.advisoryPublished.subject",
    body: "mail.advisoryPublished.body",
  },
  reportAdvisoryPublished: {
    subject: "mail.reportAdvisoryPublished.subject",
    body: "mail.reportAdvisoryPublished.body",
  },
  casePublicationAlert: {
    subject: "mail.casePublicationAlert.subject",
    body: "mail.casePublicationAlert.body",
  },
  siteCaseNotice: {
    subject: "siteCases.mail.notice.subject",
    body: "siteCases.mail.notice.body",
  },
  siteCaseClaim: { subject: "siteCases.mail.claim.subject", body: "siteCases.mail.claim.body" },
  siteCaseReminder: {
    subject: "siteCases.mail.reminder.subject",
    body: "siteCases.mail.reminder.body",
  },
  siteCaseUpdated: {
    subject: "siteCases.mail.updated.subject",
    body: "siteCases.mail.updated.body",
  },
  ndaRequested: { subject: "nda.mail.requested.subject", body: "nda.mail.requested.body" },
  // Notifications (issue 13): the generic notice of an event, the daily digest, and one mail
  // per event a finder hears of.
  notice: { subject: "mail.notice.subject", body: "mail.notice.body" },
  notificationDigest: {
    subject: "mail.notificationDigest.subject",
    body: "mail.notificationDigest.body",
  },
  reportInfoRequested: {
    subject: "mail.reportInfoRequested.subject",
    body: "mail.reportInfoRequested.body",
  },
  reportAccepted: { subject: "mail.reportAccepted.subject", body: "mail.reportAccepted.body" },
  reportRejected: { subject: "mail.reportRejected.subject", body: "mail.reportRejected.body" },
  reportForwardedToCoordinator: {
    subject: "mail.reportForwardedToCoordinator.subject",
    body: "mail.reportForwardedToCoordinator.body",
  },
  reportForwardedToOperator: {
    subject: "mail.reportForwardedToOperator.subject",
    body: "mail.reportForwardedToOperator.body",
  },
  reportPublicationDateSet: {
    subject: "mail.reportPublicationDateSet.subject",
    body: "mail.reportPublicationDateSet.body",
  },
  reportClosed: { subject: "mail.reportClosed.subject", body: "mail.reportClosed.body" },
  reportDeskMessage: {
    subject: "mail.reportDeskMessage.subject",
    body: "mail.reportDeskMessage.body",
  },
  reportDeskMessageReplyAwaited: {
    subject: "mail.reportDeskMessageReplyAwaited.subject",
    body: "mail.reportDeskMessageReplyAwaited.body",
  },
  reportConsultationAnswered: {
    subject: "mail.reportConsultationAnswered.subject",
    body: "mail.reportConsultationAnswered.body",
  },
  reportDraftReady: {
    subject: "mail.reportDraftReady.subject",
    body: "mail.reportDraftReady.body",
  },
  // Analysis tasks (issue 14 point 4): the analyst's daily reminder of overdue tasks.
  analysisTasksOverdue: {
    subject: "analysisTasks.mail.overdue.subject",
    body: "analysisTasks.mail.overdue.body",
  },
  // Priority provision (issue 14): the finder's notice carries the public explanation itself.
  priorityFinderNotice: {
    subject: "priority.mail.finder.subject",
    body: "priority.mail.finder.body",
  },
} as const satisfies Record<string, { subject: MessageKey; body: MessageKey }>;

export type MailTemplate = keyof typeof templates;
export type MailParams = Record<string, string | number>;

export function isMailTemplate(name: string): name is MailTemplate {
  return Object.hasOwn(templates, name);
}

export function renderMail(
  template: MailTemplate,
  language: Language,
  params: MailParams,
  publicUrl: string,
): { subject: string; text: string } {
  const t = translator(language);
  const { subject, body } = templates[template];
  return {
    subject: t(subject, params),
    text: `${t(body, params)}\n\n-- \n${t("mail.footer", { publicUrl })}\n`,
  };
}
