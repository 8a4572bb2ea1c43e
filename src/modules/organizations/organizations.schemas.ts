import { z } from "zod";
import { cpeName, packageUrl } from "../../platform/text/product-identity.ts";

export const ORGANIZATION_TYPES = [
  "intake",
  "coordinator",
  "vendor",
  "site_operator",
  "csirt",
  "priority_recipient",
  "analysis_org",
] as const;
export const DIRECTORY_TYPES = [
  "vendor",
  "site_operator",
  "csirt",
  "priority_recipient",
  "analysis_org",
] as const;
export const SECTORS = [
  "government",
  "electricity",
  "gas",
  "rail",
  "aviation",
  "telecom",
  "finance",
] as const;
export const ROLES = ["admin", "member", "analyst"] as const;

const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const text = (max: number) => z.string().trim().min(1).max(max);

export const product = z.object({
  name: text(200),
  cpe: cpeName.optional(),
  purl: packageUrl.optional(),
});
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/,
    "must be a domain name such as example.jp",
  );

export const createOrganizationBody = z.object({
  type: z.enum(DIRECTORY_TYPES),
  name: text(200),
  contactEmail: email,
  contactEmails: z.array(email).max(10).optional(),
  pgpPublicKey: z.string().max(100_000).optional(),
  products: z.array(product).max(500).optional(),
  keywords: z.array(text(100)).max(200).optional(),
  domains: z.array(domain).max(200).optional(),
  sector: z.enum(SECTORS).optional(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationBody>;

export const updateOrganizationBody = z
  .object({
    name: text(200),
    contactEmail: email,
    contactEmails: z.array(email).min(1).max(10),
    pgpPublicKey: z.string().max(100_000).nullable(),
    products: z.array(product).max(500),
    keywords: z.array(text(100)).max(200),
    domains: z.array(domain).max(200),
    sector: z.enum(SECTORS).nullable(),
  })
  .partial();
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationBody>;

export const listOrganizationsQuery = z.object({
  type: z.enum(ORGANIZATION_TYPES).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const organizationParams = z.object({ id: z.string().max(100) });
export const memberParams = z.object({ id: z.string().max(100), userId: z.string().max(100) });
export const inviteMemberBody = z.object({ email, name: text(200), role: z.enum(ROLES) });
export const ndaBody = z.object({ signedAt: z.iso.datetime({ offset: true }), version: text(100) });

export const productView = z.object({
  name: z.string(),
  cpe: z.string().optional(),
  purl: z.string().optional(),
});

export const organizationView = z.object({
  id: z.string(),
  type: z.enum(ORGANIZATION_TYPES),
  name: z.string(),
  contactEmail: z.string().nullable(),
  contactEmails: z.array(z.string()),
  pgpPublicKey: z.string().nullable(),
  pgpFingerprint: z.string().nullable(),
  products: z.array(productView),
  keywords: z.array(z.string()),
  domains: z.array(z.string()),
  sector: z.string().nullable(),
  nda: z
    .object({
      signedAt: z.string(),
      version: z.string(),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrganizationView = z.infer<typeof organizationView>;
export const organizationList = z.object({
  items: z.array(organizationView),
  nextCursor: z.string().nullable(),
});
export type OrganizationList = z.infer<typeof organizationList>;
export { created as createdOrganization } from "../../platform/http/openapi.ts";

export const memberView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  status: z.enum(["active", "invited"]),
  twoFactorEnabled: z.boolean(),
  joinedAt: z.string(),
});
export type MemberView = z.infer<typeof memberView>;
export const memberList = z.object({ items: z.array(memberView), nextCursor: z.null() });
export const invitedMember = z.object({ userId: z.string() });

export const changeView = z.object({
  id: z.string(),
  changedAt: z.string(),
  changedBy: z.object({ id: z.string(), name: z.string() }),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type ChangeView = z.infer<typeof changeView>;
export const changeList = z.object({ items: z.array(changeView), nextCursor: z.null() });

/**
 * A response without a body. The `type: "null"` metadata tells the OpenAPI document to list no
 * content for it (its OpenAPI 3.0 form would otherwise read as a nullable string).
 */
