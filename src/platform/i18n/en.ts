import { accountsEn } from "./catalog/accounts.en.ts";
import { coreEn } from "./catalog/core.en.ts";
import { directoryEn } from "./catalog/directory.en.ts";
import { reportsEn } from "./catalog/reports.en.ts";
import { siteCasesEn } from "./catalog/site-cases.en.ts";
import type { ja } from "./ja.ts";

export const en: Record<keyof typeof ja, string> = {
  ...coreEn,
  ...accountsEn,
  ...directoryEn,
  ...reportsEn,
  ...siteCasesEn,
};
