import { fileTypeFromBuffer } from "file-type";

/**
 * What a finder may attach, decided from the content alone: the client's declared type and
 * the file's extension are never trusted (an .exe renamed .png is still an .exe). The list
 * covers what reports carry in practice: screenshots, documents, archives of a PoC, screen
 * recordings, packet captures, and text (logs, source, scripts).
 */
const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "application/zip",
  "application/x-7z-compressed",
  "application/gzip",
  "video/mp4",
  "video/webm",
  "video/quicktime",
  "application/vnd.tcpdump.pcap",
]);

export const TEXT_TYPE = "text/plain";
export const PCAPNG_TYPE = "application/x-pcapng";

/** pcapng: a Section Header Block (0x0A0D0D0A) with the byte-order magic in either order. */
function isPcapng(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const blockType =
    bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a;
  const magic = Buffer.from(bytes.subarray(8, 12)).toString("hex");
  return blockType && (magic === "1a2b3c4d" || magic === "4d3c2b1a");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text: valid UTF-8 without NUL bytes (binary formats nearly always contain some). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The media type of an allowed file, or null when the content is not on the list. */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && ALLOWED_TYPES.has(detected.mime)) return detected.mime;
  if (isPcapng(bytes)) return PCAPNG_TYPE;
  // A text file that happens to look like another format to the detector (XML, an "MZ…"
  // line) is still text; it is only ever downloaded, never rendered.
  if (isText(bytes)) return TEXT_TYPE;
  return null;
}
