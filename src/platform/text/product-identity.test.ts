import { describe, expect, it } from "vitest";
import { cpeName, isWellFormedCpe, packageUrl, versionRange } from "./product-identity.ts";

describe("product identities as the API takes them", () => {
  it("accepts CPE 2.3 names and CPE 2.2 URIs that CSAF and CVE JSON 5 accept", () => {
    for (const cpe of [
      "cpe:2.3:a:vendor_a:router:1.0.3:*:*:*:*:*:*:*",
      "cpe:2.3:o:vendor_b:camera_firmware:*:*:*:ja:*:*:*:*",
      "cpe:2.3:a:example:server\\:pro:2.4:*:*:*:*:*:*:*",
      "cpe:/a:vendor_a:router:1.0.3",
    ]) {
      expect(isWellFormedCpe(cpe), cpe).toBe(true);
      expect(cpeName.safeParse(cpe).success, cpe).toBe(true);
    }
  });

  it("refuses CPE names the standards' grammar refuses, so no export has to drop them", () => {
    for (const cpe of [
      "cpe:2.3:a:vendor a:router:*:*:*:*:*:*:*:*",
      "cpe:2.3:a:vendor:router:*:*:*:not-a-language:*:*:*:*",
      "cpe:2.3:a:vendor:router:1.0",
      "router 1.0",
    ]) {
      expect(isWellFormedCpe(cpe), cpe).toBe(false);
      expect(cpeName.safeParse(cpe).success, cpe).toBe(false);
    }
  });

  it("keeps a package URL in its canonical form and refuses what is not one", () => {
    expect(packageUrl.parse(" pkg:npm/%40scope/name@1.2.3 ")).toBe("pkg:npm/%40scope/name@1.2.3");
    const refused = packageUrl.safeParse("npm:name@1.2.3");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/must be a package URL.*"pkg" scheme/);
    // packageurl-js 2.0.1 fails on this one with its own ReferenceError: the message stays ours.
    const odd = packageUrl.safeParse("pkg:golang/github.com/a/b@v1");
    const oddMessage = odd.success ? "" : (odd.error.issues[0]?.message ?? "");
    expect(oddMessage).not.toMatch(/is not defined/);
  });

  it("takes a range with fixed or last affected but not both, and not an empty one", () => {
    expect(versionRange.safeParse({ introduced: "2.0", fixed: "2.4" }).success).toBe(true);
    expect(versionRange.safeParse({ lastAffected: "2.3" }).success).toBe(true);
    expect(versionRange.safeParse({ fixed: "2.4", lastAffected: "2.3" }).success).toBe(false);
    expect(versionRange.safeParse({}).success).toBe(false);
  });
});
