import type { coreJa } from "./core.ja.ts";

export const coreEn: Record<keyof typeof coreJa, string> = {
  "site.name": "Kakehashi",
  "site.tagline": "Coordinated vulnerability disclosure",
  "layout.skipToContent": "Skip to main content",
  "layout.primaryNavigation": "Main navigation",
  "layout.languageSwitch": "Language",
  "layout.switchTo": "日本語",
  "layout.switchToLabel": "日本語に切り替える",
  "layout.footer":
    "Kakehashi receives, coordinates and publishes reports of security vulnerabilities.",
  "layout.timeZoneNote": "Dates and times are shown in Japan time (Asia/Tokyo).",
  "nav.home": "Home",
  "nav.directory": "Directory",
  "nav.organization": "My organization",
  "nav.audit": "Audit log",
  "nav.account": "Account",
  "nav.signIn": "Sign in",
  "nav.signUp": "Register as a finder",
  "nav.signOut": "Sign out",
  "nav.signedInAs": "Signed in as {name}",
  "home.title": "Kakehashi — coordinated vulnerability disclosure",
  "home.heading": "A bridge between those who find vulnerabilities and those who fix them",
  "home.lead":
    "Kakehashi takes reports of vulnerabilities in software products and web sites from the people who find them, coordinates with the product developers and site operators concerned, and publishes the advisory together with every vendor once countermeasures are ready.",
  "home.audience.heading": "Who it is for",
  "home.audience.finders.title": "Finders",
  "home.audience.finders.body":
    "Individuals, researchers and companies who found a vulnerability. Each report gets a receipt number and you can follow its progress. Your name and contact details are shared only as far as you consent.",
  "home.audience.vendors.title": "Product developers and site operators",
  "home.audience.vendors.body":
    "Receive the details under a non-disclosure agreement, prepare countermeasures and agree the publication date. Everything between vendors goes through the coordinator.",
  "home.audience.public.title": "Users and the press",
  "home.audience.public.body":
    "Published advisories and countermeasures are offered as a searchable database, feeds and standard formats. Attack and verification methods are never published.",
  "home.process.heading": "How a report is handled",
  "home.process.step1":
    "A finder files a report and receives a receipt number from the intake desk",
  "home.process.step2": "The intake desk checks the report",
  "home.process.step3":
    "For a product, the coordinator contacts every affected developer and agrees a publication date (by default 45 days after first contact)",
  "home.process.step4":
    "For a web site, the operator is notified and asked to fix it (such cases are not published)",
  "home.process.step5": "For a product, all parties publish the advisory at the same moment",
  "home.confidentiality.heading": "Confidentiality",
  "home.confidentiality.body":
    "Report contents are stored encrypted and every access and change is recorded. Attack and verification methods are never part of a publication.",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page does not exist, or you may not see it.",
  "error.generic.title": "Something went wrong",
  "error.generic.body": "We could not complete this request. Please try again in a moment.",
  "error.csrf.body": "This form has expired. Reload the page and send it again.",
  "error.forbidden.title": "This page is not available to your account",
  "error.forbidden.body":
    "The account you are signed in with may not open this page or take this action. If your work needs it, ask the intake desk, or your organization's administrator if your account belongs to one.",
  "error.forbidden.emailNotVerified":
    "Confirm your e-mail address first: open the link in the mail we sent you, or have it sent again from your account page.",
  "error.forbidden.assignmentRequired":
    "Take the case (assign it to yourself) first; then you can read and act on it.",
  "error.forbidden.signedInAs": "You are signed in as {name} ({email}).",
  "error.forbidden.landing": "Go to your work list",
  "error.forbidden.account": "Go to your account",
  "error.forbidden.otherAccount": "Sign in with another account",
  "error.unauthenticated.title": "Please sign in",
  "error.unauthenticated.body":
    "This page is for signed-in users, or your session has ended. Sign in and you will come back here.",
  "error.unauthenticated.signIn": "Sign in",
  "error.backHome": "Back to the home page",
  "audit.type.filterTitle": "Show only entries of this type",
  "mail.footer":
    "This message was sent by Kakehashi ({publicUrl}). If you did not expect it, please ignore it.",
  "mail.verifyEmail.subject": "[Kakehashi] Confirm your e-mail address",
  "mail.verifyEmail.body":
    "Dear {name},\n\nThank you for registering with Kakehashi. Open this link to confirm your e-mail address (valid for {hours} hours):\n\n{link}\n\nOnce it is confirmed you can report vulnerabilities.",
  "mail.invitation.subject": "[Kakehashi] Invitation to {organization}",
  "mail.invitation.body":
    "Dear {name},\n\nYou have been invited to join {organization} on Kakehashi. Open this link to set your password (valid for {days} days):\n\n{link}\n\nAt your first sign-in you will set up two-factor authentication with an authenticator app.",
  "mail.passwordReset.subject": "[Kakehashi] Reset your password",
  "mail.passwordReset.body":
    "Dear {name},\n\nWe received a request to reset your password. Open this link to choose a new one (valid for {minutes} minutes):\n\n{link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.",
  "mail.passwordChanged.subject": "[Kakehashi] Your password was changed",
  "mail.passwordChanged.body":
    "Dear {name},\n\nThe password of your account was changed at {at}. Every other session has been signed out.\n\nIf this was not you, reset your password at once and contact the intake desk.\n\n{link}",
  "mail.reportReceived.subject": "[Kakehashi] Report received ({receiptNumber})",
  "mail.reportReceived.body":
    "Dear {name},\n\nWe received your vulnerability report.\nReceipt number: {receiptNumber}\n\nYou can follow its progress here (sign-in required):\n{link}\n\nReceiving a report is neither a judgement that the finding or the way it was obtained was lawful, nor an immunity from legal responsibility.",
  "mail.test.subject": "[Kakehashi] Test message",
  "mail.test.body": "This is a test message to check Kakehashi's mail settings.\nSent at: {sentAt}",
};
