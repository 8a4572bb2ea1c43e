import type { reportsJa } from "./reports.ja.ts";

export const reportsEn: Record<keyof typeof reportsJa, string> = {};
