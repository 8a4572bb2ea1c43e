// Types for the parts of @secvisogram/csaf-validator-lib (a dev dependency, plain JavaScript)
// that the tests use to check every CSAF export.
declare module "@secvisogram/csaf-validator-lib/validateStrict.js" {
  export interface CsafTestResult {
    name: string;
    isValid: boolean;
    errors: { instancePath: string; message: string }[];
    warnings: { instancePath: string; message: string }[];
    infos: { instancePath: string; message: string }[];
  }
  export default function validateStrict(
    tests: readonly unknown[],
    document: unknown,
  ): Promise<{ isValid: boolean; tests: CsafTestResult[] }>;
}

declare module "@secvisogram/csaf-validator-lib/mandatoryTests.js" {
  /** The strict CSAF 2.0 schema test; the module exports every mandatory test (6.1.x) beside it. */
  export const csaf_2_0_strict: unknown;
  export const mandatoryTest_6_1_1: unknown;
}

declare module "@secvisogram/csaf-validator-lib/validate.js" {
  import type { CsafTestResult } from "@secvisogram/csaf-validator-lib/validateStrict.js";
  /** Runs the given tests without the strict schema (the optional tests need none). */
  export default function validate(
    tests: readonly unknown[],
    document: unknown,
  ): Promise<{ isValid: boolean; tests: CsafTestResult[] }>;
}

declare module "@secvisogram/csaf-validator-lib/optionalTests.js" {
  /** The optional tests (6.2.x), exported as optionalTest_6_2_N. */
  export const optionalTest_6_2_11: unknown;
  export const optionalTest_6_2_16: unknown;
  export const optionalTest_6_2_18: unknown;
}
