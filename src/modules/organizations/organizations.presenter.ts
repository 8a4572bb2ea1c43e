import { z } from "zod";
import type { OrganizationRow } from "./organizations.repository.ts";
import { type OrganizationView, productView } from "./organizations.schemas.ts";

const stringList = z.array(z.string());
const productsColumn = z.array(productView);

export function presentOrganization(row: OrganizationRow): OrganizationView {
  const contactEmails = stringList.parse(JSON.parse(row.contact_emails));
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    contactEmail: contactEmails[0] ?? null,
    contactEmails,
    pgpPublicKey: row.pgp_public_key,
    pgpFingerprint: row.pgp_fingerprint,
    products: productsColumn.parse(JSON.parse(row.products)),
    keywords: stringList.parse(JSON.parse(row.keywords)),
    domains: stringList.parse(JSON.parse(row.domains)),
    sector: row.sector,
    nda:
      row.nda_signed_at && row.nda_version && row.nda_recorded_at && row.nda_recorded_by
        ? {
            signedAt: row.nda_signed_at,
            version: row.nda_version,
            recordedAt: row.nda_recorded_at,
            recordedBy: row.nda_recorded_by,
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The organization's stored fields as the API names them, for the change history. */
function comparable(view: OrganizationView): Record<string, unknown> {
  return {
    name: view.name,
    contactEmails: view.contactEmails,
    pgpFingerprint: view.pgpFingerprint,
    products: view.products,
    keywords: view.keywords,
    domains: view.domains,
    sector: view.sector,
    nda: view.nda ? { signedAt: view.nda.signedAt, version: view.nda.version } : null,
  };
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The fields whose value differs between two views of one organization, before and after. */
export function differences(before: OrganizationView, after: OrganizationView): FieldChanges {
  const from = comparable(before);
  const to = comparable(after);
  const changes: FieldChanges = {};
  for (const key of Object.keys(to)) {
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      changes[key] = { from: from[key], to: to[key] };
  }
  return changes;
}
