import { z } from "zod";
import { PACKAGE_KINDS, PRIORITY_STATUSES } from "../../workflow/priority-provision/index.ts";
import { SECTORS } from "../organizations/organizations.schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(100);

export const caseParams = z.object({ id });
export const provisionParams = z.object({ pid: id });
export const packageParams = z.object({ id });
export const fileParams = z.object({ id, fileId: id });

export const startBody = z.object({
  reason: text(4000),
  sectors: z.array(z.enum(SECTORS)).min(1).max(SECTORS.length),
  recipientOrganizationIds: z.array(id).min(1).max(50),
});
export type StartInput = z.infer<typeof startBody>;

export const agreementBody = z.object({
  decision: z.enum(["agree", "object"]),
  reason: z.string().trim().max(4000).optional(),
});
export type AgreementInput = z.infer<typeof agreementBody>;

export const packageBody = z.object({
  kind: z.enum(PACKAGE_KINDS),
  title: text(300),
  body: text(50_000),
});
export type PackageInput = z.infer<typeof packageBody>;

export const membersBody = z.object({ userIds: z.array(id).max(200) });
export const traceBody = z.object({ text: z.string().min(1).max(200_000) });
export const revokeBody = z.object({ reason: z.string().trim().max(4000).optional() }).optional();

export const provisionCreated = z.object({ id: z.string(), status: z.enum(PRIORITY_STATUSES) });
export const packageCreated = z.object({ id: z.string() });

const party = z.object({
  kind: z.enum(["coordinator", "vendor"]),
  organizationId: z.string().nullable(),
  name: z.string().nullable(),
});

/** The whole provision, for the desk and the coordinator. */
export const provisionView = z.object({
  id: z.string(),
  caseId: z.string(),
  status: z.enum(PRIORITY_STATUSES),
  reason: z.string(),
  sectors: z.array(z.string()),
  recipients: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      sector: z.string().nullable(),
      ndaAccepted: z.boolean(),
    }),
  ),
  agreements: z.array(
    party.extend({
      decision: z.enum(["agree", "object"]).nullable(),
      reason: z.string().nullable(),
      at: z.string().nullable(),
    }),
  ),
  finderNotifiedAt: z.string().nullable(),
  packages: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(PACKAGE_KINDS),
      title: z.string(),
      files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number() })),
      createdAt: z.string(),
    }),
  ),
  deliveries: z.array(
    z.object({
      copyCode: z.string(),
      packageId: z.string(),
      organizationId: z.string(),
      deliveredAt: z.string(),
      reads: z.array(z.object({ userId: z.string(), name: z.string(), at: z.string() })),
    }),
  ),
  startedAt: z.string(),
  sentAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type ProvisionView = z.infer<typeof provisionView>;

/**
 * What a party asked to agree sees before publication: the request and its own answer; after
 * publication the finder and the vendors see only when it went out and to which sectors.
 */
export const caseProvisionItem = z.object({
  id: z.string().optional(),
  status: z.enum(PRIORITY_STATUSES).optional(),
  reason: z.string().optional(),
  sectors: z.array(z.string()),
  sentAt: z.string().nullable(),
  ownAnswer: z.enum(["agree", "object"]).nullable().optional(),
  /** For a party asked to agree: which recipients, and which kinds of package (not their content). */
  recipients: z.array(z.object({ name: z.string(), sector: z.string().nullable() })).optional(),
  packageKinds: z.array(z.enum(PACKAGE_KINDS)).optional(),
  provision: provisionView.optional(),
});
export type CaseProvisionItem = z.infer<typeof caseProvisionItem>;
export const caseProvisionList = z.object({
  items: z.array(caseProvisionItem),
  nextCursor: z.null(),
});

export const packageSummary = z.object({
  id: z.string(),
  kind: z.enum(PACKAGE_KINDS),
  title: z.string(),
  deliveredAt: z.string(),
  copyCode: z.string(),
  /** The delivery's reference, as the delivery mail gives it (PP-…). */
  reference: z.string(),
  /** The title of the case the package concerns, as the desk wrote it. */
  caseTitle: z.string(),
  /** Readable until publication, planned for this instant (null: not scheduled). */
  plannedPublicationAt: z.string().nullable(),
});
export const packageList = z.object({ items: z.array(packageSummary), nextCursor: z.null() });

export const packageView = packageSummary.extend({
  /** "Provided to <org> on <date>, copy <code>". */
  recipientLine: z.string(),
  /** The body, carrying the copy's invisible mark. */
  body: z.string(),
  files: z.array(
    z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number() }),
  ),
  organization: z.object({ id: z.string(), name: z.string() }),
  /** For the recipient's admin: the members assigned to this delivery. */
  assignedUserIds: z.array(z.string()).optional(),
});
export type PackageView = z.infer<typeof packageView>;

export const membersView = z.object({ userIds: z.array(z.string()) });

export const traceResult = z.object({
  matches: z.array(
    z.object({
      copyCode: z.string(),
      organization: z.object({ id: z.string(), name: z.string(), sector: z.string().nullable() }),
      provisionId: z.string(),
      caseId: z.string(),
      packageId: z.string(),
      deliveredAt: z.string(),
    }),
  ),
  /** Codes that look like copy codes but match no copy (a forged or mistyped one). */
  unknownCodes: z.array(z.string()),
  /** Mark characters were found, but no whole mark: the fragment is too short. */
  partialMark: z.boolean(),
});
export type TraceResult = z.infer<typeof traceResult>;

/** The reference the delivery mail and the recipient's pages carry: not the case's number. */
export function deliveryReference(provisionId: string): string {
  return `PP-${provisionId.slice(0, 8).toUpperCase()}`;
}
