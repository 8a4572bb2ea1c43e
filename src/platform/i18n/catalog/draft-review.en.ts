import type { draftReviewJa } from "./draft-review.ja.ts";

export const draftReviewEn: Record<keyof typeof draftReviewJa, string> = {
  "draftReview.heading": "Draft advisory (to be published)",
  "draftReview.confidential":
    "This is a confidential draft, not yet public. Do not share it with anyone.",
  "draftReview.lead":
    "Only the parts that will be public are shown, and they may change before publication. If the credit or anything else is wrong, tell the intake desk with the form below.",
  "draftReview.lead.desk":
    "This is all the finder sees of the draft (no vendor statements or countermeasures).",
  "draftReview.titleHeading": "Title",
  "draftReview.plannedPublishAt": "Planned publication",
  "draftReview.noPlannedDate": "Not set yet",
  "draftReview.updatedAt": "Draft last changed",
  "draftReview.affectedNone": "No affected product is listed yet.",
  "draftReview.creditNoneHint":
    "You did not ask for credit when you reported, so your name will not appear. Tell us if you want that changed.",
  "draftReview.published": "The advisory was published:",
  "draftReview.part.credit": "Credit (acknowledgement)",
  "draftReview.part.accuracy": "Accuracy",
  "draftReview.part.other": "Other",
  "draftReview.comment.heading": "Comment on the draft",
  "draftReview.comment.lead":
    "Your comment goes to the intake desk, which passes it on to the coordinator. It never goes to the coordinator or the vendors directly.",
  "draftReview.comment.part": "About",
  "draftReview.comment.body": "Comment",
  "draftReview.comment.hint": "Say what should change, and how.",
  "draftReview.comment.submit": "Send to the intake desk",
  "draftReview.own.heading": "Your comments",
  "draftReview.own.relayed": "The desk passed it on to the coordinator:",
  "draftReview.own.waiting": "The desk is looking at it.",
  "draftReview.desk.heading": "About the draft, via the desk",
  "draftReview.desk.none": "No comments yet.",
  "draftReview.desk.fromFinder": "The finder's comment ({part})",
  "draftReview.desk.fromCoordinator": "The coordinator's message for the finder",
  "draftReview.desk.relayBody": "Words to pass on",
  "draftReview.desk.relayHint":
    "Leave blank to pass it on as written. Leave out anything not consented to, such as the finder's identity.",
  "draftReview.desk.relayToCoordinator": "Relay to the coordinator",
  "draftReview.desk.relayToFinder": "Relay to the finder",
  "draftReview.desk.relayedToCoordinator": "Relayed to the coordinator:",
  "draftReview.desk.relayedToFinder": "Relayed to the finder:",
  "draftReview.notice.creditChanged": "Your credit is changed; the draft and the advisory use it.",
  "draftReview.credit.label": "How you are credited",
  "draftReview.credit.heading": "Change how you are credited",
  "draftReview.credit.hint":
    "Leave it empty not to be credited. You can change it until the advisory is published.",
  "draftReview.credit.submit": "Change the credit",
  "draftReview.notice.commented": "Your comment was sent to the intake desk.",
  "draftReview.notice.relayedToCoordinator": "The comment was relayed to the coordinator.",
  "draftReview.notice.relayedToFinder": "The message was relayed to the finder.",
  "draftReview.notice.finderMessage":
    "Your message for the finder was sent to the intake desk, which will pass it on.",
  "draftReview.caseMessage.fromFinder": "[The finder's comment on the draft: {part}]",
  "draftReview.caseMessage.forFinder": "[For the finder: please relay]",
  "draftReview.coordinator.heading": "Message for the finder (through the desk)",
  "draftReview.coordinator.body": "Message",
  "draftReview.coordinator.hint":
    "The desk reads it and passes it on to the finder in its own name. Vendors never see it.",
  "draftReview.coordinator.submit": "Send to the intake desk",
  "draftReview.coordinator.comments": "The finder's comments (through the desk)",
  "draftReview.coordinator.commentsLead":
    "The finder's comments as the desk relayed them. The finder's identity is shown only as the finder consented.",
  "draftReview.coordinator.none": "No comments yet.",
  "draftReview.coordinator.fromFinder": "About: {part}",
  "draftReview.coordinator.yours": "From you to the finder",
  "draftReview.coordinator.relayedToFinder": "The desk relayed it to the finder:",
  "draftReview.coordinator.waiting": "The desk is looking at it.",
  "draftReview.error.noDraft": "There is no draft to comment on (none yet, or published already).",
  "draftReview.error.relayed": "This was relayed already.",
  "draftReview.error.noFinder": "This case has no finder.",
};
