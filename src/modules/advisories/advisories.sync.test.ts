import { createHash } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";

/**
 * HTTP for machines that sync with the public database (issue 12 item 6): every public read —
 * the list, one advisory, its three exports, the vendor and product lists, the feeds and the
 * sitemap — carries a strong ETag over its bytes and the data's Last-Modified, answers 304 to a
 * client that has it already, and may be read from any web page; signed-in routes may not.
 */
describe.each(testDatabaseTargets())(
  "conditional and cross-origin public reads on $name",
  (target) => {
    const bed = advisoryTestbed(target);
    let caseId = "";
    let advisoryId = "";

    const get = (url: string, headers: Record<string, string> = {}) =>
      bed.app.inject({ method: "GET", url, headers });
    const publicReads = () => {
      const encoded = encodeURIComponent(advisoryId);
      return [
        "/api/v1/advisories",
        "/api/v1/advisories?sort=updated&lang=en",
        `/api/v1/advisories/${encoded}`,
        `/api/v1/advisories/${encoded}/csaf`,
        `/api/v1/advisories/${encoded}/cve`,
        `/api/v1/advisories/${encoded}/osv`,
        "/api/v1/advisory-vendors",
        "/api/v1/advisory-products",
        "/feeds/advisories.rdf?lang=ja",
        "/feeds/advisories.atom?lang=en",
        "/sitemap.xml",
      ];
    };
    /** The tag a client can compute itself: SHA-256 of exactly the bytes received. */
    const tagOf = (response: LightMyRequestResponse) =>
      `"${createHash("sha256").update(response.rawPayload).digest("base64url")}"`;

    beforeAll(async () => {
      ({ caseId, advisoryId } = await bed.publishedCase({
        publishAt: bed.inDays(5),
        draft: {
          language: "ja",
          translation: {
            title: "Stored script injection in Router A100",
            overview: "The admin console of Router A100 runs scripts from device names.",
            description: "The device name field is rendered without escaping.",
            impact: "Scripts may run in an administrator's browser.",
          },
        },
      }));
    });

    it("tags every public read with its bytes and its data's last change, and answers 304 when the client has it", async () => {
      const advisory = await bed.runtime.services.advisories.get(advisoryId);
      for (const url of publicReads()) {
        const first = await get(url);
        expect(first.statusCode, `${url}: ${first.body.slice(0, 200)}`).toBe(200);
        const etag = String(first.headers.etag);
        expect(etag, url).toBe(tagOf(first));
        expect(first.headers["last-modified"], url).toBe(
          new Date(advisory.updatedAt).toUTCString(),
        );
        expect(first.headers["cache-control"], url).toBe("public, no-cache");
        expect(first.headers["access-control-allow-origin"], url).toBe("*");

        // The same request gives the same bytes (a stable tag), HEAD the same headers, …
        expect((await get(url)).headers.etag, url).toBe(etag);
        const head = await bed.app.inject({ method: "HEAD", url });
        expect(head.statusCode, url).toBe(200);
        expect(head.headers.etag, url).toBe(etag);
        expect(head.headers["last-modified"], url).toBe(first.headers["last-modified"]);
        // … a client holding them gets 304 without a body, by tag or by date, …
        for (const headers of <Record<string, string>[]>[
          { "if-none-match": etag },
          { "if-none-match": `"other", W/${etag}` },
          { "if-none-match": "*" },
          { "if-modified-since": String(first.headers["last-modified"]) },
          { "if-modified-since": new Date(Date.parse(advisory.updatedAt) + 60_000).toUTCString() },
        ]) {
          const again = await get(url, headers);
          expect(again.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(304);
          expect(again.body).toBe("");
          expect(again.headers.etag).toBe(etag);
          expect(again.headers["access-control-allow-origin"]).toBe("*");
        }
        // … and one holding something else gets the answer; the tag wins over the date.
        for (const headers of <Record<string, string>[]>[
          { "if-none-match": '"something-else"' },
          { "if-modified-since": new Date(Date.parse(advisory.updatedAt) - 1000).toUTCString() },
          {
            "if-none-match": '"something-else"',
            "if-modified-since": String(first.headers["last-modified"]),
          },
        ]) {
          const fresh = await get(url, headers);
          expect(fresh.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(200);
          expect(fresh.body).toBe(first.body);
        }
      }
    });

    it("gives a changed advisory a new tag and a later date", async () => {
      const url = `/api/v1/advisories/${encodeURIComponent(advisoryId)}`;
      const list = "/api/v1/advisories";
      const before = await get(url);
      const listBefore = await get(list);
      bed.runtime.clock.advance(DAY);
      await bed.runtime.services.cases.addCountermeasure(bed.people.vendorA, caseId, {
        type: "workaround",
        description: "Do not open the device list until the update.",
      });
      const { updatedAt } = await bed.runtime.services.advisories.get(advisoryId);
      for (const [address, earlier] of [
        [url, before],
        [list, listBefore],
      ] as const) {
        const after = await get(address, {
          "if-none-match": String(earlier.headers.etag),
          "if-modified-since": String(earlier.headers["last-modified"]),
        });
        expect(after.statusCode, address).toBe(200);
        expect(after.headers.etag).not.toBe(earlier.headers.etag);
        expect(after.headers.etag).toBe(tagOf(after));
        expect(after.headers["last-modified"]).toBe(new Date(updatedAt).toUTCString());
        expect(
          Date.parse(String(after.headers["last-modified"])) >
            Date.parse(String(earlier.headers["last-modified"])),
        ).toBe(true);
        // A client that only remembers the date still learns of the change.
        const byDate = await get(address, {
          "if-modified-since": String(earlier.headers["last-modified"]),
        });
        expect(byDate.statusCode).toBe(200);
      }
    });

    it("lets any web page read public data, errors included, but no signed-in route", async () => {
      const missing = await get("/api/v1/advisories/KKH%2399999999");
      expect(missing.statusCode).toBe(404);
      expect(missing.headers["access-control-allow-origin"]).toBe("*");
      expect(missing.headers.etag).toBeUndefined();
      // A signed-in caller reading public data gets exactly what anyone gets.
      const coordinator = bed.cast.users.coordinatorMember;
      const signedIn = await get("/api/v1/advisories", coordinator.bearer);
      const anonymous = await get("/api/v1/advisories");
      expect(signedIn.body).toBe(anonymous.body);
      expect(signedIn.headers.etag).toBe(anonymous.headers.etag);
      expect(signedIn.headers["access-control-allow-origin"]).toBe("*");

      for (const url of [
        `/api/v1/cases/${caseId}/advisory/preview`,
        `/api/v1/cases/${caseId}`,
        "/api/v1/me",
      ]) {
        const response = await get(url, coordinator.bearer);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers["access-control-allow-origin"], url).toBeUndefined();
        expect(response.headers.etag, url).toBeUndefined();
        expect(response.headers["cache-control"], url).toBe("no-store");
      }
      // Pages are for people: no cross-origin reads of HTML.
      const page = await get(`/advisories/${encodeURIComponent(advisoryId)}`, {
        accept: "text/html",
      });
      expect(page.statusCode).toBe(200);
      expect(page.headers["access-control-allow-origin"]).toBeUndefined();
    });
  },
);
