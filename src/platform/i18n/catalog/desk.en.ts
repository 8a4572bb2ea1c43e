import type { deskJa } from "./desk.ja.ts";

export const deskEn: Record<keyof typeof deskJa, string> = {
  "desk.filter.statusHint": "Choose any number; none means every status.",
  "desk.filter.assignee": "Assignee",
  "desk.filter.olderThanDays": "Older than (days)",
  "desk.filter.olderThanDaysHint": "Only reports received more than this many days ago.",
  "desk.filter.q": "Product, vendor or site",
  "desk.filter.qHint": "Part of the product name, the vendor's name or the site's host name.",
  "desk.filter.sort": "Order",
  "desk.filter.sort.newest": "Newest first",
  "desk.filter.sort.oldest": "Oldest first",
  "desk.list.column.subject": "Product or site",
  "desk.list.column.age": "Age",
  "desk.list.column.acknowledgement": "Response target",
  "desk.age.day": "1 day",
  "desk.age.days": "{days} days",
  "desk.ack.within": "Within target",
  "desk.ack.near": "Due soon",
  "desk.ack.past": "Past target",
  "desk.ack.due": "due",
  "desk.ack.notAwaiting": "Not awaiting the desk",
  "desk.ack.businessDays": "{n} business days",
  "desk.ack.calendarDays": "{n} days",
  "desk.ack.explain":
    'Response target: the desk answers a new report, and a report the finder has sent more information for, within {target} (accept, ask for more, or do not accept). In the last day it shows "Due soon", after it "Past target". Age counts days since receipt.',
  "desk.template.label": "Message template",
  "desk.template.hint":
    "Templates are filled in the finder's language ({language}). Read and adjust the text before sending.",
  "desk.template.use": "Fill in the template",
  "desk.template.language.ja": "Japanese",
  "desk.template.language.en": "English",
  "desk.template.request_info.details.label": "More detail on reproduction and environment",
  "desk.template.request_info.details.body":
    'Thank you for your report (receipt number {receipt}). To assess it, please tell us more about:\n\n- the steps to reproduce it, one by one\n- the environment you used (operating system, browser, product settings)\n- what you expected to happen, and what happened\n\nPlease send it with "Send more information" on this report\'s page.',
  "desk.template.request_info.affected.label": "The affected product and versions, or page",
  "desk.template.request_info.affected.body":
    'About your report (receipt number {receipt}): to identify what is affected, please tell us:\n\n- for a product: its name, the versions you checked, and its developer\n- for a web site: the URL of the affected page and, if you know it, who runs the site\n\nPlease send it with "Send more information" on this report\'s page.',
  "desk.template.request_info.impact.label": "Impact and how it was confirmed",
  "desk.template.request_info.impact.body":
    "About your report (receipt number {receipt}): to judge its impact, please tell us:\n\n- what an attacker could do (disclose, alter or stop something)\n- what an attack needs (authentication, a user's action, …)\n- how you confirmed it\n\nPlease do not test systems you are not authorised to test. Send it with \"Send more information\" on this report's page.",
  "desk.template.reject.insufficient.label": "Not enough information",
  "desk.template.reject.insufficient.body":
    "About your report (receipt number {receipt}): we asked for more information, but what we need to handle it as vulnerability information is still missing, so we cannot accept it. If you learn more, please report again.",
  "desk.template.reject.unreachable.label": "The finder could not be reached",
  "desk.template.reject.unreachable.body":
    "About your report (receipt number {receipt}): we wrote to you but received no answer, so we cannot accept the report. If you would like us to handle it, please report again.",
  "desk.template.close.not_a_vulnerability.body":
    "We have examined your report (receipt number {receipt}). What it describes is a defect, but not a vulnerability (a security weakness), so we are closing it. Thank you for reporting.",
  "desk.template.close.duplicate.body":
    "We have examined your report (receipt number {receipt}). It is the same as a vulnerability reported or published earlier; the report's page names it. We are therefore closing your report. Thank you for reporting.",
  "desk.template.close.not_reproducible.body":
    "About your report (receipt number {receipt}): we could not reproduce it with the steps and environment you gave, so we are closing it. If you learn more about how to reproduce it, please report again.",
  "desk.template.close.illegally_obtained.body":
    "We have concluded that the information in your report (receipt number {receipt}) was obtained by unlawful means, so we are closing it. Receiving a report is not a judgement that the way it was found or obtained was lawful.",
  "desk.template.close.out_of_scope.body":
    "We have concluded that your report (receipt number {receipt}) is outside the scope of this framework (for example a product not used in Japan, a web site not mainly used from Japan, or a weakness of a cryptographic algorithm itself), so we are closing it. Thank you for reporting.",
  "desk.template.close.withdrawn.body":
    "You told us you wish to withdraw your report (receipt number {receipt}); we are closing it.",
  "desk.template.forward.product.label": "Forwarded to the coordinator",
  "desk.template.forward.product.body":
    "We have accepted your report (receipt number {receipt}) and forwarded it to the coordinator, who will coordinate with the product's developers. We will tell you the countermeasure and publication dates once they are agreed. Until publication, please do not disclose this information to others.",
  "desk.template.forward.web.label": "The site operator was notified",
  "desk.template.forward.web.body":
    "We have accepted your report (receipt number {receipt}) and notified the web site's operator, who will verify and fix it. We will tell you the result once we receive it. Until then, please do not disclose this information to others.",
  "desk.forward.message": "Message to the finder (optional)",
  "desk.forward.operator.legend": "Operator to notify",
  "desk.forward.operator.hint":
    "Choose the body responsible for the site (not its hosting or development contractor): from the directory if it is there, otherwise give its name and contact.",
  "desk.forward.matches": "Operators in the directory matching {host}",
  "desk.forward.noMatches": "No operator in the directory matches {host}.",
  "desk.forward.matchedDomain": "matched domain: {domain}",
  "desk.forward.domains": "domains: {domains}",
  "desk.forward.contact": "contact: {email}",
  "desk.forward.search.label": "Search the directory (name or domain)",
  "desk.forward.search.submit": "Search",
  "desk.forward.results": "Results for “{query}”",
  "desk.forward.noResults": "No operator in the directory matches “{query}”.",
  "desk.forward.new": "An operator not in the directory (give its name and contact)",
  "desk.forward.newHint": "The operator is mailed a link to claim the case.",
  "desk.detail.countermeasureDue": "Planned countermeasure date",
  "desk.detail.publishedAt": "Published at",
  "desk.detail.advisory": "Published advisory",
  "desk.history.kindChange": "Kind changed: {from} → {to}",
  "desk.history.needsInfo": "See the messages",
  "desk.outcome.published": "Closed: published",
  "desk.outcome.no_action": "Closed: no action needed",
  "desk.outcome.fixed": "Fixed by the operator",
  "desk.outcome.closed_after_warning": "Closed after a warning to the operator",
  "desk.outcome.not_vulnerable": "The operator found it not vulnerable",
  "desk.outcome.unreachable": "Closed: the operator could not be reached",
  "desk.duplicates.heading": "Likely duplicates (earlier reports, published advisories)",
  "desk.duplicates.none": "No earlier report or advisory looks like this one.",
  "desk.duplicates.same_product": "same product",
  "desk.duplicates.same_vendor": "same vendor",
  "desk.duplicates.same_site": "same site",
  "desk.duplicates.same_cwe": "same CWE",
  "desk.duplicates.similar_text": "similar text",
  "desk.duplicates.separator": ", ",
};
