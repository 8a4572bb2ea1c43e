import type { directoryJa } from "./directory.ja.ts";

export const directoryEn: Record<keyof typeof directoryJa, string> = {};
