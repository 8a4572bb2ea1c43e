import { ProblemError } from "../../src/platform/http/problem.ts";

/** A page of a list as every list of the API answers it. */
interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/**
 * Every id a caller's paged list answers, following its cursors; none when the list refuses the
 * caller with one of these statuses (signed out, by default).
 */
export async function allListedIds(
  list: (cursor: string | undefined) => Promise<Page>,
  refusals: readonly number[] = [401],
): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    let page: Page;
    try {
      page = await list(cursor);
    } catch (error) {
      if (error instanceof ProblemError && refusals.includes(error.status)) return ids;
      throw error;
    }
    for (const item of page.items) ids.add(item.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/**
 * Whether a caller can open a record: the read succeeds, or it is refused as if the record did
 * not exist (404) or the caller were signed out (401). Any other failure is the test's failure.
 */
export async function opens(
  read: () => Promise<unknown>,
  refusals: readonly number[] = [401, 404],
): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof ProblemError && refusals.includes(error.status)) return false;
    throw error;
  }
}
