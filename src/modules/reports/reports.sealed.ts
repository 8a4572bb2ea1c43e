/**
 * The sealed (encrypted) columns of the reports module, each declared once with what its
 * plaintext is. Other modules read a report's text through the functions below, never through
 * the cipher contexts: reading is theirs to authorize and audit.
 */
import { z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { sealedJson, sealedText } from "../../platform/crypto/sealed.ts";
import type { ReportsTable } from "../../platform/db/schema.ts";
import { decryptedMessage } from "../desk-key/desk-key.schemas.ts";

/** The text fields of a report, sealed together; the method classes are sealed apart. */
export const reportContentColumn = sealedJson(
  "reports.content_sealed",
  z.object({
    description: z.string(),
    reproduction: z.string(),
    howFound: z.string().nullable(),
    disclosurePlans: z.string().nullable(),
    alsoReportedDirectly: z.boolean().nullable(),
  }),
);
export type ReportContent = ReturnType<typeof reportContentColumn.open>;

/** SPEC §2: the verification method and the attack method are confidential classes apart. */
export const verificationMethodColumn = sealedText("reports.verification_method_sealed");
export const attackMethodColumn = sealedText("reports.attack_method_sealed");

/** The finder's PGP message as the desk decrypted it at submission (R-SEC-3). */
export const pgpMessageColumn = sealedJson("reports.pgp_message_sealed", decryptedMessage);

export const reportMessageBody = sealedText("report_messages.body_sealed");
export const consultationScope = sealedText("disclosure_consultations.scope_sealed");
export const attachmentName = sealedText("report_attachments.name_sealed");

/** The bytes of an attachment (the cipher's binary envelope), bound to its row like the rest. */
export const attachmentContent = {
  column: "report_attachments.content_sealed",
  context: (rowId: string) => `report_attachments.content_sealed:${rowId}`,
  seal: (cipher: FieldCipher, rowId: string, bytes: Uint8Array) =>
    cipher.encryptBytes(bytes, attachmentContent.context(rowId)),
  open: (cipher: FieldCipher, rowId: string, sealed: Uint8Array) =>
    cipher.decryptBytes(sealed, attachmentContent.context(rowId)),
};

type SealedReport = Pick<
  ReportsTable,
  "id" | "content_sealed" | "verification_method_sealed" | "attack_method_sealed"
>;

/** A report's sealed text fields (description, reproduction, …) without the method classes. */
export function unsealReportContent(
  cipher: FieldCipher,
  row: Pick<ReportsTable, "id" | "content_sealed">,
): ReportContent {
  return reportContentColumn.open(cipher, row.id, row.content_sealed);
}

/** How to reproduce the vulnerability safely (shown to whoever must verify a fix). */
export function unsealVerificationMethod(
  cipher: FieldCipher,
  row: Pick<ReportsTable, "id" | "verification_method_sealed">,
): string | null {
  return row.verification_method_sealed
    ? verificationMethodColumn.open(cipher, row.id, row.verification_method_sealed)
    : null;
}

/** The exploit itself (R-CLS-1: the most confidential class). */
export function unsealAttackMethod(
  cipher: FieldCipher,
  row: Pick<ReportsTable, "id" | "attack_method_sealed">,
): string | null {
  return row.attack_method_sealed
    ? attackMethodColumn.open(cipher, row.id, row.attack_method_sealed)
    : null;
}

/**
 * A report's whole sealed text, for the module of its site case: the operator is shown what it
 * needs to verify and fix (SPEC §5). Reading is the caller's to authorize and audit.
 */
export function unsealReportText(
  cipher: FieldCipher,
  row: SealedReport,
): ReportContent & { verificationMethod: string | null; attackMethod: string | null } {
  return {
    ...unsealReportContent(cipher, row),
    verificationMethod: unsealVerificationMethod(cipher, row),
    attackMethod: unsealAttackMethod(cipher, row),
  };
}

/** Issue 13 point 10: what the finder and the coordinator write about the draft, via the desk. */
export const draftCommentBody = sealedText("draft_comments.body_sealed");
export const draftCommentRelayedBody = sealedText("draft_comments.relayed_body_sealed");
