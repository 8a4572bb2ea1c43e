import { z } from "zod";
import { ProblemError } from "./problem.ts";

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Cursors are opaque to clients: the sort key of the last item, encoded. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(
  cursor: string | undefined,
  length: number,
): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return key;
    }
  } catch {
    // fall through
  }
  throw new ProblemError(422, "invalid_input", "The cursor is not valid.", [
    { path: "cursor", message: "invalid cursor" },
  ]);
}

/** Trims a page fetched with limit + 1 rows and computes the next cursor. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
