import { createMessage, readKey, readSignature, verify } from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast } from "../../../test/support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  DAY,
} from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";

describe.each(testDatabaseTargets())("the CSAF signing key on $name", (target) => {
  let runtime: TestRuntime;
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    cast = await createCast(runtime);
    people = await advisoryPeople(runtime, cast);
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
  });

  /** Cases approved for a later date, ready to be published by ending their embargo. */
  async function approvedCases(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const { caseId } = await approvedCase(runtime, cast, people, {
        publishAt: new Date(runtime.clock.now().getTime() + 30 * DAY).toISOString(),
        draft: { title: `Concurrent publication ${index + 1}` },
      });
      ids.push(caseId);
    }
    return ids;
  }
  const publish = (caseId: string) =>
    runtime.services.advisories.terminateEmbargo(people.coordinator, caseId, {
      reason: "exploited",
      note: "Seen in the wild.",
    });

  /** Every stored document, with whether its signature verifies against the key that made it. */
  async function signatures() {
    const db = runtime.database.db;
    const rows = await db
      .selectFrom("csaf_documents")
      .select(["path", "content", "signature", "signed_by"])
      .execute();
    return Promise.all(
      rows.map(async (row) => {
        const key = await db
          .selectFrom("csaf_signing_keys")
          .select("public_key")
          .where("fingerprint", "=", row.signed_by)
          .executeTakeFirstOrThrow();
        const result = await verify({
          message: await createMessage({ binary: Buffer.from(row.content, "utf8") }),
          signature: await readSignature({ armoredSignature: row.signature }),
          verificationKeys: await readKey({ armoredKey: key.public_key }),
          date: runtime.clock.now(),
          expectSigned: true,
        });
        await result.signatures[0]?.verified;
        return { path: row.path, signedBy: row.signed_by };
      }),
    );
  }

  it("makes exactly one key when the first publications come at once, and signs them all with it", async () => {
    const cases = await approvedCases(3);
    await Promise.all(cases.map(publish));
    const keys = await runtime.database.db.selectFrom("csaf_signing_keys").selectAll().execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]?.current_slot).toBe("current");
    const signed = await signatures();
    expect(signed).toHaveLength(3);
    expect(new Set(signed.map((s) => s.signedBy))).toEqual(new Set([keys[0]?.fingerprint]));
    const created = await runtime.database.db
      .selectFrom("audit_log")
      .select("subject_id")
      .where("type", "=", "csaf_signing_key.created")
      .execute();
    expect(created).toEqual([{ subject_id: keys[0]?.id }]);
  });

  it("leaves every document signed by the current key when a rotation and publications run at once", async () => {
    const cases = await approvedCases(3);
    runtime.clock.advance(60_000);
    const [rotated] = await Promise.all([
      runtime.services.csafProvider.rotate(SYSTEM_ACTOR),
      ...cases.map(publish),
    ]);
    const current = await runtime.services.csafProvider.currentKey(SYSTEM_ACTOR);
    expect(current.fingerprint).toBe(rotated.fingerprint);
    const signed = await signatures();
    expect(signed).toHaveLength(6);
    for (const document of signed) expect(document.signedBy).toBe(current.fingerprint);
  });
});
