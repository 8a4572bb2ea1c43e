import { accountsJa } from "./catalog/accounts.ja.ts";
import { coreJa } from "./catalog/core.ja.ts";
import { directoryJa } from "./catalog/directory.ja.ts";
import { reportsJa } from "./catalog/reports.ja.ts";
import { siteCasesJa } from "./catalog/site-cases.ja.ts";

/** The Japanese catalog defines the keys; en.ts must have the same ones (checked by the type). */
export const ja = { ...coreJa, ...accountsJa, ...directoryJa, ...reportsJa, ...siteCasesJa };
