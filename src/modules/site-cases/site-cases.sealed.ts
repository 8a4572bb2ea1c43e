import { sealedText } from "../../platform/crypto/sealed.ts";

/** The sealed columns of the site-cases module, each declared once. */

/** The operator's account of its verification or fix (R-WEB-2). */
export const resultDetails = sealedText("site_cases.result_details_sealed");

/** A desk ⇄ operator message (R-WEB-5). */
export const siteCaseMessageBody = sealedText("site_case_messages.body_sealed");

/** Why the desk's analysts want to analyse the report (R-WEB-3). */
export const analysisReason = sealedText("site_case_analysis_requests.reason_sealed");
