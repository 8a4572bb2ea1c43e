import type { contactPagesJa } from "./contact-pages.ja.ts";

export const contactPagesEn: Record<keyof typeof contactPagesJa, string> = {
  "contactPages.finder.heading": "Direct contact with vendors",
  "contactPages.finder.lead":
    "You can write here to the vendors you consented to, once the coordinator and the desk agreed.",
  "contactPages.finder.closed": "This contact has ended.",
  "contactPages.finder.empty": "No messages yet.",
  "contactPages.finder.fromVendor": "From {name}",
  "contactPages.finder.fromYou": "From you",
  "contactPages.finder.body": "Message to {name}",
  "contactPages.finder.send": "Send to {name}",
  "contactPages.finder.notice": "Your message was sent to the vendor.",
  "contactPages.finder.forbidden": "Direct contact with this vendor is not open.",

  "contactPages.approve.heading": "Requests for direct contact with the finder",
  "contactPages.approve.lead":
    "A vendor asks to talk to the finder directly. If the finder consented, the contact opens once both the coordinator and the desk approve.",
  "contactPages.approve.column.vendor": "Vendor",
  "contactPages.approve.column.status": "Status",
  "contactPages.approve.column.coordinator": "Coordinator's approval",
  "contactPages.approve.column.intake": "Desk's approval",
  "contactPages.approve.caption": "Requests for direct contact",
  "contactPages.approve.status.pending": "Waiting for approval",
  "contactPages.approve.status.open": "Open",
  "contactPages.approve.status.closed": "Closed",
  "contactPages.approve.yes": "Approved",
  "contactPages.approve.no": "Not yet",
  "contactPages.approve.submit": "Approve {name}'s request",
  "contactPages.approve.notice": "The request for direct contact was approved.",

  "contactPages.unreachable.heading": "List as an unreachable vendor",
  "contactPages.unreachable.lead":
    "Puts a vendor that could not be reached on the public list: its name first, its product after a set period. Record the decision behind it.",
  "contactPages.unreachable.vendor": "Vendor",
  "contactPages.unreachable.stage": "What to list",
  "contactPages.unreachable.stage.name": "The name",
  "contactPages.unreachable.stage.product": "The product (after the name)",
  "contactPages.unreachable.decision": "Decision",
  "contactPages.unreachable.decisionHint": "When, by whom and how it was decided. Not published.",
  "contactPages.unreachable.submit": "List publicly",
  "contactPages.unreachable.notice": "The vendor is on the list of unreachable vendors.",

  "contactPages.list.title": "Unreachable vendors",
  "contactPages.list.lead":
    "Vendors the coordinator could not reach about a reported vulnerability, after its deadlines and every contact channel. The name is listed first, the product after a set period; a vendor leaves the list as soon as it answers. If you are one of these vendors, please contact the coordinator.",
  "contactPages.list.caption": "Unreachable vendors",
  "contactPages.list.vendor": "Vendor",
  "contactPages.list.since": "Listed since",
  "contactPages.list.product": "Product",
  "contactPages.list.productPending": "Not listed yet",
  "contactPages.list.empty": "No vendor is on the list at present.",
  "contactPages.list.pagination": "Pages of the unreachable vendors",
  "contactPages.list.first": "First page",
  "contactPages.list.next": "Next page",
  "contactPages.footerLink": "Unreachable vendors",
};
