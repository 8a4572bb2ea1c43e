/** The sealed columns of priority provision: package texts and files (R-SEC-3). */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { sealedText } from "../../platform/crypto/sealed.ts";

export const packageTitle = sealedText("priority_packages.title_sealed");
export const packageBody = sealedText("priority_packages.body_sealed");
export const packageFileName = sealedText("priority_package_files.name_sealed");

/** A file's bytes (the cipher's binary envelope), bound to its row. */
export const packageFileContent = {
  column: "priority_package_files.content_sealed",
  context: (rowId: string) => `priority_package_files.content_sealed:${rowId}`,
  seal: (cipher: FieldCipher, rowId: string, bytes: Uint8Array) =>
    cipher.encryptBytes(bytes, packageFileContent.context(rowId)),
  open: (cipher: FieldCipher, rowId: string, sealed: Uint8Array) =>
    cipher.decryptBytes(sealed, packageFileContent.context(rowId)),
};
