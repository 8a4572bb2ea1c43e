import { PackageURL } from "packageurl-js";
import { z } from "zod";

/**
 * How a product is named for machines, beside the name people read: a CPE name, a package URL,
 * and version ranges. The directory, the vendor's countermeasures and the advisory draft all take
 * them with these schemas, and the CSAF, CVE and OSV exports are generated from them (R-PUB-3).
 */

/** CPE 2.3 formatted string (13 colon-separated parts, escaped colons allowed) or a CPE 2.2 URI. */
export const cpeName = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) =>
      /^cpe:2\.3:[aho*-](:(?:\\.|[^:\\])+){10}$/.test(value) ||
      /^cpe:\/[aho]?(:[^:]*){0,6}$/.test(value),
    {
      message: "must be a CPE 2.3 name (cpe:2.3:a:vendor:product:version:…) or a CPE 2.2 URI",
    },
  );

/** A package URL (purl spec), in its canonical form; the library parses and checks it. */
export const packageUrl = z
  .string()
  .trim()
  .max(1000)
  .transform((value, context) => {
    try {
      return PackageURL.fromString(value).toString();
    } catch (error) {
      context.addIssue({
        code: "custom",
        message: `must be a package URL such as "pkg:npm/example@1.2.3" (${(error as Error).message})`,
      });
      return z.NEVER;
    }
  });

/** The package type of a package URL ("npm", "maven", …); null for anything else. */
export function packageUrlType(purl: string | null): string | null {
  if (!purl) return null;
  try {
    return PackageURL.fromString(purl).type;
  } catch {
    return null;
  }
}

const version = z.string().trim().min(1).max(100);

/**
 * One range of affected versions, as OSV and CVE 5 state them: from `introduced` (inclusive;
 * absent: from the first version) up to `fixed` (the first version not affected) or up to and
 * including `lastAffected`. "2.0 to 2.3, fixed in 2.4" is `{ introduced: "2.0", fixed: "2.4" }`.
 */
export const versionRange = z
  .object({
    introduced: version.optional(),
    fixed: version.optional(),
    lastAffected: version.optional(),
  })
  .refine((range) => !(range.fixed && range.lastAffected), {
    message: "give either fixed or lastAffected, not both",
  })
  .refine((range) => Boolean(range.introduced || range.fixed || range.lastAffected), {
    message: "give introduced, fixed or lastAffected",
  });
export type VersionRange = z.infer<typeof versionRange>;

/** The machine-readable identity of a product, as the API takes it (every part optional). */
export const productIdentityInput = {
  cpe: cpeName.nullable().optional(),
  purl: packageUrl.nullable().optional(),
  ranges: z.array(versionRange).max(20).optional(),
};

/** A range as stored and shown (checked when it was taken). */
export const versionRangeView = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  lastAffected: z.string().optional(),
});

/** The identity as shown: absent parts are null or empty. */
export const productIdentityView = {
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  ranges: z.array(versionRangeView),
};

/** The same as stored: records written before product identities existed have none. */
export const productIdentity = {
  cpe: productIdentityView.cpe.default(null),
  purl: productIdentityView.purl.default(null),
  ranges: productIdentityView.ranges.default([]),
};
export type ProductIdentity = {
  cpe: string | null;
  purl: string | null;
  ranges: VersionRange[];
};
