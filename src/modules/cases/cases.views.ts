import { z } from "zod";
import { productIdentityView } from "../../platform/text/product-identity.ts";
import {
  CASE_CLOSE_REASONS,
  CASE_STATUSES,
  PARTICIPANT_STATUSES,
  TERMINATION_REASONS,
} from "../../workflow/case/index.ts";
import { advisoryDraftView } from "../advisories/advisories.schemas.ts";
import { advisoryDifferenceView } from "../advisories/draft-differences.ts";
import { riskView, URGENCIES } from "../risk/risk.schemas.ts";
import { SSVC_DECISIONS } from "../risk/ssvc.ts";

/**
 * What the `/api/v1` case routes answer (API.md "Product cases"): the output allow-list. The
 * presenter's return types are inferred from these schemas, and the response serializer drops
 * whatever a schema does not list — so each audience's view lists exactly what that audience
 * is shown (R-COO-5, R-CLS-1, R-CLS-2, R-SEC-1) and nothing else.
 *
 * The views of the four audiences are told apart by the fields only some of them get, not by a
 * tag (the API has none): the unions below list the audience with the most fields first, so
 * that a view never matches an audience whose schema would strip some of it.
 */

/** An ISO 8601 instant in UTC, as the platform writes every date. */
const instant = z.string();
const id = z.string();

// ---------------------------------------------------------------------------------------------
// Parts of a case view

export const nextDeadlineView = z.object({
  kind: z.enum(["acknowledgement", "countermeasure", "publication"]),
  at: instant,
  /** The vendor it is due from; null for the publication date. */
  organizationId: z.string().nullable(),
});

export const scheduleView = z.object({
  publishAt: instant,
  countermeasureDue: instant.nullable(),
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      at: instant,
      publishAt: instant,
      countermeasureDue: instant.nullable(),
      reason: z.string(),
      setBy: z.enum(["default", "csirt", "coordinator"]),
    }),
  ),
});

/** The language of a vendor's text, and the vendor's own translation of it (or null). */
const vendorTextLanguage = {
  language: z.enum(["ja", "en"]),
  translation: z.string().nullable(),
};

export const countermeasureView = z.object({
  id,
  organizationId: id,
  type: z.enum(["workaround", "fix"]),
  description: z.string(),
  ...vendorTextLanguage,
  /** The product it is for and its identity, where the vendor gave them. */
  product: z.string().nullable(),
  ...productIdentityView,
  affectedVersions: z.array(z.string()),
  fixedVersions: z.array(z.string()),
  url: z.string().nullable(),
  createdAt: instant,
});

export const statementView = z.object({
  text: z.string(),
  advisoryUrl: z.string().nullable(),
  contact: z.string().nullable(),
  ...vendorTextLanguage,
  updatedAt: instant,
});

/** A participant as the intake desk sees it: where each vendor stands, not what it said. */
export const participantSummaryView = z.object({
  organizationId: id,
  /** The same as organizationId (kept for clients that read it). */
  orgId: id,
  name: z.string().nullable(),
  status: z.enum(PARTICIPANT_STATUSES),
  addedAt: instant,
  firstContactAt: instant.nullable(),
  acknowledgedAt: instant.nullable(),
  unresponsiveSince: instant.nullable(),
  ndaOnFile: z.boolean(),
});

/** A participant with its own reference, statement and countermeasures. */
export const participantView = participantSummaryView.extend({
  trackingId: z.string().nullable(),
  statement: statementView.nullable(),
  countermeasures: z.array(countermeasureView),
});

/** The advisory draft's fields (advisories module), present once a draft exists. */
const advisoryDraftFields = advisoryDraftView.shape;
type AdvisoryDraftKey = keyof typeof advisoryDraftFields | "differences";

const advisoryState = {
  status: z.enum(["none", "draft", "approved"]),
  revision: z.number().int(),
};

/**
 * The advisory with its draft, for those who publish it and the vendors who comment on it
 * (their own products only): every draft field together, or none before a draft exists.
 */
export const caseAdvisoryView = z.object({
  ...advisoryState,
  ...z.object(advisoryDraftFields).partial().shape,
});

/**
 * The advisory as those who publish it see it (coordinator, intake desk): the draft and what in
 * it differs from the vendors' own entries, to weigh before approval. Never a vendor's view: the
 * differences name every vendor's versions.
 */
export const staffAdvisoryView = caseAdvisoryView.extend({
  differences: z.array(advisoryDifferenceView).optional(),
});

const absent = z.never().optional();
/**
 * A CSIRT's advisory: the state only, the draft never. The draft's keys are declared absent
 * (refused if ever sent) so that every audience's view reads `advisory.advisoryId` alike.
 */
export const csirtAdvisoryView = z.object({
  ...advisoryState,
  ...({
    advisoryId: absent,
    title: absent,
    overview: absent,
    description: absent,
    impact: absent,
    language: absent,
    translation: absent,
    cwe: absent,
    cweName: absent,
    cvssV3: absent,
    cvssV4: absent,
    affected: absent,
    references: absent,
    cveIds: absent,
    updatedAt: absent,
    differences: absent,
  } satisfies Record<AdvisoryDraftKey, typeof absent>),
});

export const scheduleRequestView = z.object({
  id,
  organizationId: id,
  publishAt: instant,
  reason: z.string(),
  status: z.enum(["pending", "accepted", "declined"]),
});

export const csirtProposalView = z.object({
  id,
  publishAt: instant,
  countermeasureDue: instant.nullable(),
  reason: z.string(),
  status: z.enum(["pending", "agreed", "refused", "used"]),
});

export const directContactView = z.object({
  id,
  organizationId: id,
  status: z.enum(["pending", "open", "closed"]),
  coordinatorApproved: z.boolean(),
  intakeApproved: z.boolean(),
});

export const othersAffectedView = z.object({
  organizationId: id,
  vendorName: z.string(),
  reason: z.string(),
  at: instant,
});

export const referralView = z.object({ csirtOrgId: id, at: instant });
export const committeeView = z.object({
  decision: z.enum(["publish", "do_not_publish"]),
  at: instant,
});

export const disclosurePlanView = z.object({
  id,
  plannedAt: instant,
  venue: z.string(),
  decision: z.enum(["no_objection", "defer_until"]).nullable(),
  until: instant.nullable(),
  beforePublication: z.boolean(),
});

/** W-2: an embargo ended before its date, and why. */
export const terminationView = z.object({
  reason: z.enum(TERMINATION_REASONS),
  note: z.string(),
  at: instant,
});

export const closureView = z.object({
  reason: z.enum([...CASE_CLOSE_REASONS, "completed"]),
  at: instant,
  duplicateOf: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// What every audience gets

const caseFields = {
  id,
  /** The human number, e.g. `C-2026-000012`. */
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  title: z.string(),
  source: z.enum(["report", "csirt", "self_report"]),
  openedAt: instant,
  firstContactAt: instant.nullable(),
  schedule: scheduleView.nullable(),
  nextDeadline: nextDeadlineView.nullable(),
  publishedAt: instant.nullable(),
  termination: terminationView.nullable(),
  closure: closureView.nullable(),
};
/** The fields every audience's view has, for code that handles any of them. */
export const caseViewCommon = z.object(caseFields);

// ---------------------------------------------------------------------------------------------
// The vulnerability's content, as the viewer may read it

/** R-SEC-1: a coordinator member not assigned to the case sees its metadata only. */
export const withheldContentView = z.object({ contentWithheld: z.literal(true) });

/** A CSIRT's or a self-reporting vendor's own text of the case; the vendor names they gave. */
export const openedContentView = z.object({
  description: z.string().nullable(),
  /** Absent for a self-report, which names no vendor. */
  vendorNames: z.array(z.string()).optional(),
  conditions: z.string().nullable(),
});
/** A vendor is not told which vendors the CSIRT named (R-COO-5). */
export const vendorOpenedContentView = openedContentView.omit({ vendorNames: true });

const reportFields = {
  receivedAt: instant,
  productName: z.string().nullable(),
  productVersion: z.string().nullable(),
  cwe: z.string().nullable(),
  cvssVector: z.string().nullable(),
  description: z.string(),
  reproduction: z.string(),
  verificationMethod: z.string().nullable(),
};
/** The report as a vendor or a CSIRT reads it: no receipt number, vendor guess or exploit. */
export const sharedReportView = z.object(reportFields);
/** The whole report, the attack method included (R-CLS-1), for the coordinator. */
export const coordinatorReportView = z.object({
  receiptNumber: z.string(),
  ...reportFields,
  vendorName: z.string().nullable(),
  /** Absent when the finder gave none. */
  attackMethod: z.string().optional(),
});
/** The finder, where the finder consented to be known to the viewer (R-CLS-2, W-8). */
export const finderView = z.object({ name: z.string(), email: z.string() });

export const coordinatorReportContentView = z.object({
  report: coordinatorReportView,
  finder: finderView.nullable(),
  credit: z.string().nullable(),
});
/** Vendors receive the credit before publication to credit the finder themselves (R-PUB-6). */
export const vendorReportContentView = z.object({
  report: sharedReportView,
  finder: finderView.nullable(),
  credit: z.string().nullable(),
});
export const csirtReportContentView = z.object({
  report: sharedReportView,
  finder: z.null(),
  credit: z.null(),
});

/** One audience's view in each form its content takes: withheld, the opener's text, a report. */
function withContent<
  Fields extends z.ZodRawShape,
  Opened extends z.ZodRawShape,
  Report extends z.ZodRawShape,
>(fields: Fields, opened: z.ZodObject<Opened>, report: z.ZodObject<Report>) {
  return z.union([
    z.object({ ...fields, ...withheldContentView.shape }),
    z.object({ ...fields, ...opened.shape }),
    z.object({ ...fields, ...report.shape }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The four audiences

/** The coordinator: everything, the finder as consented, the exchanges with every vendor. */
export const coordinatorCaseView = withContent(
  {
    ...caseFields,
    participants: z.array(participantView),
    advisory: staffAdvisoryView,
    othersAffected: z.array(othersAffectedView),
    disclosurePlans: z.array(disclosurePlanView),
    reportId: id.nullable(),
    assigneeUserId: id.nullable(),
    scheduleRequests: z.array(scheduleRequestView),
    directContacts: z.array(directContactView),
    referrals: z.array(referralView),
    committee: committeeView.nullable(),
    csirtProposals: z.array(csirtProposalView),
    /** R-RISK-1: staff only; the report's until the case has its own. */
    risk: riskView.nullable(),
  },
  openedContentView,
  coordinatorReportContentView,
);

/** One vendor (R-COO-5): its own participant entry, requests and direct contacts only. */
export const vendorCaseView = withContent(
  {
    ...caseFields,
    participants: z.array(participantView),
    advisory: caseAdvisoryView,
    scheduleRequests: z.array(scheduleRequestView),
    directContacts: z.array(directContactView),
  },
  vendorOpenedContentView,
  vendorReportContentView,
);

/** The CSIRT that opened the case or was referred it (R-COO-9, R-COO-12): never the finder. */
export const csirtCaseView = withContent(
  {
    ...caseFields,
    participants: z.array(participantView),
    advisory: csirtAdvisoryView,
    csirtProposals: z.array(csirtProposalView),
  },
  openedContentView,
  csirtReportContentView,
);

/** The intake desk: where the case stands and the direct contacts it approves, no content. */
export const intakeCaseView = z.object({
  ...caseFields,
  participants: z.array(participantSummaryView),
  advisory: staffAdvisoryView,
  reportId: id.nullable(),
  directContacts: z.array(directContactView),
  /** R-RISK-1: staff only; the report's until the case has its own. */
  risk: riskView.nullable(),
});

/** A case as its caller may see it; the audiences in the order that keeps each one whole. */
export const caseView = z.union([
  coordinatorCaseView,
  vendorCaseView,
  csirtCaseView,
  intakeCaseView,
]);

// ---------------------------------------------------------------------------------------------
// The other answers

const caseListFields = {
  id,
  caseNumber: z.string(),
  title: z.string(),
  source: z.enum(["report", "csirt", "self_report"]),
  status: z.enum(CASE_STATUSES),
  publishAt: instant.nullable(),
  openedAt: instant,
  updatedAt: instant,
  nextDeadline: nextDeadlineView.nullable(),
};
/** A vendor's row: where it stands and what is due from it, nothing about other vendors. */
export const vendorCaseListItem = z.object({
  ...caseListFields,
  participantStatus: z.enum(PARTICIPANT_STATUSES),
});
/** Anyone else's row; the handling coordinator for the coordinator only. */
export const caseListItem = z.object({
  ...caseListFields,
  participantCount: z.number().int(),
  assigneeUserId: id.nullable().optional(),
  /** Staff only (R-RISK-1): the case's risk, else its report's. */
  urgency: z.enum(URGENCIES).nullable().optional(),
  ssvcDecision: z.enum(SSVC_DECISIONS).nullable().optional(),
  cvssScore: z.number().nullable().optional(),
});
export const caseListPage = z.object({
  items: z.array(z.union([vendorCaseListItem, caseListItem])),
  nextCursor: z.string().nullable(),
});

/** `201 { id }`: a case opened, a message posted, a request or proposal made. */
export const createdView = z.object({ id });

/**
 * `201` for a countermeasure: its id and the case as the caller now sees it — a vendor, the
 * only one who adds countermeasures (its view is `vendorCaseView`).
 */
export const countermeasureAddedView = z.object({ id, case: caseView });

export const caseMessageView = z.object({
  id,
  from: z.enum(["coordinator", "intake", "vendor", "csirt", "finder"]),
  /** "coordinator", "vendors", "intake", "csirt", "finder" or a vendor's organization id. */
  to: z.string(),
  /** The author's name for messages of the viewer's own side; null otherwise. */
  authorName: z.string().nullable(),
  /** For the coordinator: which vendor wrote it. */
  fromOrganizationId: id.nullable().optional(),
  body: z.string(),
  createdAt: instant,
});
export const caseMessageList = z.object({
  items: z.array(caseMessageView),
  nextCursor: z.null(),
});

export const vendorSuggestionView = z.object({
  organizationId: id,
  name: z.string(),
  score: z.number(),
  reasons: z.array(
    z.object({
      kind: z.enum(["vendor_name", "product_name", "cpe", "keyword", "text"]),
      detail: z.string(),
    }),
  ),
});
export const vendorSuggestionList = z.object({
  items: z.array(vendorSuggestionView),
  nextCursor: z.null(),
});

/** R-COO-8: public, so nothing that ties a listing to its case. */
export const unreachableVendorView = z.object({
  vendorName: z.string(),
  listedAt: instant,
  productName: z.string().nullable(),
  productListedAt: instant.nullable(),
});
export const unreachableVendorList = z.object({
  items: z.array(unreachableVendorView),
  nextCursor: z.string().nullable(),
});

/** The finder's side of direct contact (R-COO-6): the vendor and the messages, nothing else. */
export const finderContactView = z.object({
  organizationId: id,
  vendorName: z.string().nullable(),
  status: z.enum(["pending", "open", "closed"]),
  messages: z.array(
    z.object({
      id,
      from: z.enum(["vendor", "finder"]),
      body: z.string(),
      createdAt: instant,
    }),
  ),
});
export const finderContactList = z.object({ items: z.array(finderContactView) });

/** The response schemas of the case routes, by what they answer. */
export const caseResponses = {
  caseView,
  coordinatorCaseView,
  vendorCaseView,
  csirtCaseView,
  intakeCaseView,
  caseListPage,
  created: createdView,
  countermeasureAdded: countermeasureAddedView,
  messages: caseMessageList,
  vendorSuggestions: vendorSuggestionList,
  unreachableVendors: unreachableVendorList,
  finderContacts: finderContactList,
} as const;

export type NextDeadline = z.infer<typeof nextDeadlineView>;
export type ScheduleView = z.infer<typeof scheduleView>;
export type CountermeasureView = z.infer<typeof countermeasureView>;
export type StatementView = z.infer<typeof statementView>;
export type ParticipantSummaryView = z.infer<typeof participantSummaryView>;
export type ParticipantView = z.infer<typeof participantView>;
export type CaseAdvisoryView = z.infer<typeof caseAdvisoryView>;
export type StaffAdvisoryView = z.infer<typeof staffAdvisoryView>;
export type CsirtAdvisoryView = z.infer<typeof csirtAdvisoryView>;
export type ScheduleRequestView = z.infer<typeof scheduleRequestView>;
export type CsirtProposalView = z.infer<typeof csirtProposalView>;
export type DirectContactView = z.infer<typeof directContactView>;
export type OthersAffectedView = z.infer<typeof othersAffectedView>;
export type DisclosurePlanView = z.infer<typeof disclosurePlanView>;
export type ReferralView = z.infer<typeof referralView>;
export type CommitteeView = z.infer<typeof committeeView>;
export type CaseViewCommon = z.infer<typeof caseViewCommon>;
export type TerminationView = z.infer<typeof terminationView>;
export type ClosureView = z.infer<typeof closureView>;
export type WithheldContentView = z.infer<typeof withheldContentView>;
export type OpenedContentView = z.infer<typeof openedContentView>;
export type VendorOpenedContentView = z.infer<typeof vendorOpenedContentView>;
export type SharedReportView = z.infer<typeof sharedReportView>;
export type CoordinatorReportView = z.infer<typeof coordinatorReportView>;
export type FinderView = z.infer<typeof finderView>;
export type CoordinatorReportContentView = z.infer<typeof coordinatorReportContentView>;
export type VendorReportContentView = z.infer<typeof vendorReportContentView>;
export type CsirtReportContentView = z.infer<typeof csirtReportContentView>;
export type CoordinatorCaseView = z.infer<typeof coordinatorCaseView>;
export type VendorCaseView = z.infer<typeof vendorCaseView>;
export type CsirtCaseView = z.infer<typeof csirtCaseView>;
export type IntakeCaseView = z.infer<typeof intakeCaseView>;
export type CaseView = z.infer<typeof caseView>;
export type VendorCaseListItem = z.infer<typeof vendorCaseListItem>;
export type CaseListItem = z.infer<typeof caseListItem>;
export type CaseListPage = z.infer<typeof caseListPage>;
export type Created = z.infer<typeof createdView>;
export type CountermeasureAdded = z.infer<typeof countermeasureAddedView>;
export type CaseMessageView = z.infer<typeof caseMessageView>;
export type CaseMessageList = z.infer<typeof caseMessageList>;
export type VendorSuggestionView = z.infer<typeof vendorSuggestionView>;
export type VendorSuggestionList = z.infer<typeof vendorSuggestionList>;
export type UnreachableVendorView = z.infer<typeof unreachableVendorView>;
export type UnreachableVendorList = z.infer<typeof unreachableVendorList>;
export type FinderContactView = z.infer<typeof finderContactView>;
export type FinderContactList = z.infer<typeof finderContactList>;
