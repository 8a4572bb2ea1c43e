/**
 * Marks on every copy of a priority package (R-PRI-5), so that a leaked copy can be traced to
 * the recipient it was delivered to: a visible copy code (`PC-XXXX-XXXX`) in the recipient line
 * and in attached files' names, and an invisible mark — the same code as zero-width characters
 * — spread through the text so that a pasted fragment still carries it.
 */
import { randomBytes } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped stays one code. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS = 8;
const BITS = CODE_CHARS * 5;

const ZERO = "\u200b";
const ONE = "\u200c";
const START = "\u2060";
const END = "\u2061";
/** Every this many characters of text carry one whole mark. */
export const MARK_EVERY = 24;

const VISIBLE = /PC-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})/g;
const INVISIBLE = new RegExp(`${START}([${ZERO}${ONE}]{${BITS}})${END}`, "g");

/** A new copy code, `PC-XXXX-XXXX`. */
export function newCopyCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join("");
  return `PC-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function codeBits(code: string): string {
  const chars = code.replace(/^PC-/, "").replace("-", "");
  return [...chars].map((c) => ALPHABET.indexOf(c).toString(2).padStart(5, "0")).join("");
}

function bitsCode(bits: string): string {
  let chars = "";
  for (let i = 0; i < bits.length; i += 5)
    chars += ALPHABET[Number.parseInt(bits.slice(i, i + 5), 2)];
  return `PC-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The invisible mark of a copy code. */
export function invisibleMark(code: string): string {
  return `${START}${[...codeBits(code)].map((b) => (b === "1" ? ONE : ZERO)).join("")}${END}`;
}

/**
 * The text with the copy's invisible mark at its start, before every line break and after every
 * MARK_EVERY characters (whole code points, so no surrogate pair is split).
 */
export function markText(text: string, code: string): string {
  const mark = invisibleMark(code);
  let out = mark;
  let run = 0;
  for (const char of text) {
    if (char === "\n") {
      out += `${mark}\n`;
      run = 0;
      continue;
    }
    out += char;
    run += 1;
    if (run >= MARK_EVERY) {
      out += mark;
      run = 0;
    }
  }
  return out;
}

/** A file's name with the copy code before its extension: `patch.PC-XXXX-XXXX.zip`. */
export function markFileName(name: string, code: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}.${code}${name.slice(dot)}` : `${name}.${code}`;
}

/** The text without its invisible marks (what a reader would type). */
export function withoutMarks(text: string): string {
  return text.replace(new RegExp(`[${START}${END}${ZERO}${ONE}]`, "g"), "");
}

/** Every copy code a pasted text or file name carries, visible or invisible, each once. */
export function readCopyCodes(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(INVISIBLE)) {
    const bits = [...(match[1] ?? "")].map((c) => (c === ONE ? "1" : "0")).join("");
    found.add(bitsCode(bits));
  }
  for (const match of text.matchAll(VISIBLE)) found.add(`PC-${match[1]}-${match[2]}`);
  return [...found];
}

/** Whether the text carries mark characters but no whole mark (a fragment too short to read). */
export function hasPartialMark(text: string): boolean {
  return readCopyCodes(text).length === 0 && new RegExp(`[${START}${END}${ZERO}${ONE}]`).test(text);
}
