import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { type Download, downloadProvider } from "../../../test/support/csaf-downloader.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { gpgAvailable } from "../../../test/support/gpg.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";

/** A port nobody listens on now, for a server whose public URL must name it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const hasGpg = requireInCi("the CSAF downloader", gpgAvailable(), "/usr/bin/gpg is missing");

describe.runIf(hasGpg).each(testDatabaseTargets())(
  "a CSAF downloader against the trusted provider on $name",
  (target) => {
    let port = 0;
    beforeAll(async () => {
      port = await freePort();
    });
    // The downloader fetches over HTTP: the app listens where its public URL says.
    const bed = advisoryTestbed(target, () => ({
      config: { publicUrl: `http://127.0.0.1:${port}`, port },
    }));
    let metadataUrl: string;
    /** What the previous download saw, for the update and rotation steps. */
    let first: Download;
    let scheduledCase: string;

    const publishedIds = async () => {
      const response = await fetch(`${bed.runtime.config.publicUrl}/api/v1/advisories?limit=200`);
      const list = (await response.json()) as { items: { advisoryId: string }[] };
      return list.items.map((item) => item.advisoryId).sort();
    };
    const trackingIds = (download: Download) =>
      [...download.documents.values()].map((d) => d.document.document.tracking.id).sort();

    beforeAll(async () => {
      await bed.app.listen({ port, host: "127.0.0.1" });
      metadataUrl = `${bed.runtime.config.publicUrl}/.well-known/csaf/provider-metadata.json`;

      // One advisory published at its scheduled instant, one by ending its embargo early.
      const publishAt = bed.inDays(2);
      scheduledCase = (
        await bed.approvedCase({
          publishAt,
          draft: { title: "Router A100 の管理画面における格納型 XSS" },
        })
      ).caseId;
      await bed.runDueAt(publishAt);
      const early = await bed.approvedCase({
        publishAt: bed.inDays(20),
        draft: { title: "Stored XSS in the Router A100 admin console, published early" },
      });
      bed.runtime.clock.advance(60_000);
      await bed.runtime.services.advisories.terminateEmbargo(bed.people.coordinator, early.caseId, {
        reason: "exploited",
        note: "Seen in the wild.",
      });
    }, 120_000);

    it("finds every published advisory from provider-metadata.json alone, through the directory and through ROLIE, with every hash and GnuPG signature right", async () => {
      first = await downloadProvider(metadataUrl);
      const published = await publishedIds();
      expect(published).toHaveLength(2);
      for (const advisoryId of published) expect(trackingIds(first)).toContain(advisoryId);
      // Every document is signed by the one key the metadata names, and names the same
      // publisher as the metadata (section 7.1.7).
      expect(first.metadata.public_openpgp_keys).toHaveLength(1);
      for (const document of first.documents.values()) {
        expect(document.signedBy).toBe(first.fingerprint);
        expect(document.document.document.publisher).toEqual(first.metadata.publisher);
      }
    });

    it("after a vendor adds a fix to a published advisory: a new revision, new hashes and signature that still verify, and its changes.csv line moves to the new time", async () => {
      const advisoryId =
        (await bed.runtime.services.advisories.advisoryIdOfCase(scheduledCase)) ?? "";
      const before = [...first.documents.values()].find(
        (d) => d.document.document.tracking.id === advisoryId,
      );
      expect(before).toBeDefined();

      bed.runtime.clock.advance(DAY);
      await bed.runtime.services.cases.addCountermeasure(bed.people.vendorA, scheduledCase, {
        type: "fix",
        description: "Firmware 1.0.5 removes the console entirely.",
        fixedVersions: ["1.0.5"],
      });
      const second = await downloadProvider(metadataUrl);
      const after = second.documents.get(before?.url ?? "");
      expect(after).toBeDefined();
      const [was, is] = [before, after].map((d) => d?.document.document.tracking);
      expect(Number(is?.version)).toBeGreaterThan(Number(was?.version));
      expect(Date.parse(is?.current_release_date ?? "")).toBeGreaterThan(
        Date.parse(was?.current_release_date ?? ""),
      );
      expect(after?.sha256).not.toBe(before?.sha256);
      expect(after?.sha512).not.toBe(before?.sha512);
      expect(after?.signature).not.toBe(before?.signature);
      expect(after?.signedBy).toBe(second.fingerprint);

      const path = before?.url.slice(before.url.indexOf("/white/") + "/white/".length);
      expect(first.changes.find((c) => c.path === path)?.time).toBe(was?.current_release_date);
      // One line for it, now with the new time, which is the newest (the file is sorted).
      expect(second.changes.filter((c) => c.path === path)).toEqual([
        { path, time: is?.current_release_date },
      ]);
      expect(second.changes[0]?.time).toBe(is?.current_release_date);

      // The other advisory's document did not change.
      const otherId = (await publishedIds()).find((id) => id !== advisoryId);
      const other = [...first.documents.values()].find(
        (d) => d.document.document.tracking.id === otherId,
      );
      expect(other).toBeDefined();
      expect(
        second.documents.get(other?.url ?? "")?.bytes.equals(other?.bytes ?? Buffer.alloc(0)),
      ).toBe(true);
      expect(second.documents.get(other?.url ?? "")?.signature).toBe(other?.signature);
      first = second;
    });

    it("after the signing key is rotated, the metadata names only the new key and every signature verifies against it; contents and hashes stay", async () => {
      bed.runtime.clock.advance(DAY);
      const rotated = await bed.runtime.services.csafProvider.rotate(SYSTEM_ACTOR);
      expect(rotated.retired?.fingerprint).toBe(first.fingerprint);
      expect(rotated.resigned).toBe(first.documents.size);

      const third = await downloadProvider(metadataUrl);
      expect(third.fingerprint).toBe(rotated.fingerprint);
      expect(third.fingerprint).not.toBe(first.fingerprint);
      expect(third.metadata.public_openpgp_keys).toHaveLength(1);
      expect(third.documents.size).toBe(first.documents.size);
      for (const [url, document] of third.documents) {
        expect(document.signedBy).toBe(rotated.fingerprint);
        expect(document.bytes.equals(first.documents.get(url)?.bytes ?? Buffer.alloc(0))).toBe(
          true,
        );
        expect(document.sha512).toBe(first.documents.get(url)?.sha512);
      }
      expect(third.changes).toEqual(first.changes);

      // The retired key is still served at its address, revoked as superseded.
      const retired = await fetch(
        `${bed.runtime.config.publicUrl}/.well-known/csaf/openpgp/${first.fingerprint}.asc`,
      );
      expect(retired.status).toBe(200);
      const { readKey } = await import("openpgp");
      const key = await readKey({ armoredKey: await retired.text() });
      expect(key.getFingerprint().toUpperCase()).toBe(first.fingerprint);
      expect(await key.isRevoked(undefined, undefined, bed.runtime.clock.now())).toBe(true);
    });
  },
);
