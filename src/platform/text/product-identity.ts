import { PackageURL } from "packageurl-js";
import { z } from "zod";

/**
 * How a product is named for machines, beside the name people read: a CPE name, a package URL,
 * and version ranges. The directory, the vendor's countermeasures and the advisory draft all take
 * them with these schemas, and the CSAF, CVE and OSV exports are generated from them (R-PUB-3).
 */

// CPE 2.3 formatted string binding (NISTIR 7695, 6.2): each attribute is `*`, `-` or a value of
// unreserved characters and backslash-quoted punctuation, with wildcards only at its ends; the
// language attribute is an RFC 5646 tag. CPE 2.2 URIs keep their own character set.
const QUOTED = String.raw`\\[\\*?!"#$%&'()+,/:;<=>@\[\]^\`{|}~]`;
const VALUE = String.raw`(?:(?:\?*|\*?)(?:[A-Za-z0-9._-]|${QUOTED})+(?:\?*|\*?)|[*-])`;
const LANGUAGE = "(?:[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?|[*-])";
const CPE_23 = new RegExp(
  String.raw`^cpe:2\.3:[aho*-](?::${VALUE}){5}:${LANGUAGE}(?::${VALUE}){4}$`,
);
const CPE_22 = /^c[pP][eE]:\/[AHOaho]?(?::[A-Za-z0-9._~%-]*){0,6}$/;

/** True when the CPE name is one that CSAF and CVE JSON 5 accept (the same grammar they check). */
export function isWellFormedCpe(cpe: string): boolean {
  return CPE_23.test(cpe) || CPE_22.test(cpe);
}

/** A CPE 2.3 formatted string or a CPE 2.2 URI, well-formed as CSAF and CVE JSON 5 check it. */
export const cpeName = z.string().trim().max(500).refine(isWellFormedCpe, {
  message: "must be a CPE 2.3 name (cpe:2.3:a:vendor:product:version:…) or a CPE 2.2 URI",
});

/** A package URL (purl spec), in its canonical form; the library parses and checks it. */
export const packageUrl = z
  .string()
  .trim()
  .max(1000)
  .transform((value, context) => {
    try {
      return PackageURL.fromString(value).toString();
    } catch (error) {
      // The library's own refusals say what is wrong; anything else is its bug, not the input's.
      const own =
        error instanceof Error && !(error instanceof ReferenceError || error instanceof TypeError);
      const reason = own ? ` (${error.message})` : "";
      context.addIssue({
        code: "custom",
        message: `must be a package URL such as "pkg:npm/example@1.2.3"${reason}`,
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
