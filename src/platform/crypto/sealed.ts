import type { z } from "zod";
import type { FieldCipher } from "./cipher.ts";

/**
 * One sealed (encrypted) column, declared once: its name fixes the context the cipher binds the
 * ciphertext to (`table.column:rowId`, so a value copied to another row or column fails to
 * decrypt), and its schema parses the plaintext on the way out — a sealed value is never trusted
 * as a type it was not checked to be.
 */
export interface SealedColumn<T> {
  /** `table.column`, as in the database. */
  readonly column: string;
  context(rowId: string): string;
  seal(cipher: FieldCipher, rowId: string, value: T): string;
  open(cipher: FieldCipher, rowId: string, sealed: string): T;
}

/** A sealed column holding JSON that the schema checks on decrypt. */
export function sealedJson<S extends z.ZodType>(
  column: string,
  schema: S,
): SealedColumn<z.output<S>> & { readonly schema: S } {
  const context = (rowId: string) => `${column}:${rowId}`;
  return {
    column,
    schema,
    context,
    seal: (cipher, rowId, value) => cipher.encrypt(JSON.stringify(value), context(rowId)),
    open: (cipher, rowId, sealed) =>
      schema.parse(JSON.parse(cipher.decrypt(sealed, context(rowId)))) as z.output<S>,
  };
}

/** A sealed column holding plain text (a message body, a method description). */
export function sealedText(column: string): SealedColumn<string> {
  const context = (rowId: string) => `${column}:${rowId}`;
  return {
    column,
    context,
    seal: (cipher, rowId, value) => cipher.encrypt(value, context(rowId)),
    open: (cipher, rowId, sealed) => cipher.decrypt(sealed, context(rowId)),
  };
}
