import type { accountsJa } from "./accounts.ja.ts";

export const accountsEn: Record<keyof typeof accountsJa, string> = {};
