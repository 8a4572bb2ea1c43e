import type { ja } from "./ja.ts";

export const en: Record<keyof typeof ja, string> = {
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
  "error.backHome": "Back to the home page",
  "mail.footer":
    "This message was sent by Kakehashi ({publicUrl}). If you did not expect it, please ignore it.",
  "mail.test.subject": "[Kakehashi] Test message",
  "mail.test.body": "This is a test message to check Kakehashi's mail settings.\nSent at: {sentAt}",
};
