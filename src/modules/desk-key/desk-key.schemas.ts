import { z } from "zod";

/** A finder's message once decrypted: kept sealed with the report, shown to who reads it. */
export const decryptedMessage = z.object({
  text: z.string(),
  /** The desk key that opened it. */
  deskKeyFingerprint: z.string(),
  /** The message carried signatures; they are not verified (the finder's key is unknown). */
  signed: z.boolean(),
  signerKeyIds: z.array(z.string()),
});
export type DecryptedMessage = z.infer<typeof decryptedMessage>;

/** What anyone gets of the current desk key from the API (R-SEC-3). */
export const deskKeyOutput = z.object({
  fingerprint: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
});
export type DeskKeyOutput = z.infer<typeof deskKeyOutput>;
