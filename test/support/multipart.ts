/** A multipart/form-data body as a browser sends it: fields in order, then the files. */
export interface MultipartFile {
  name: string;
  content: Buffer | string;
  /** What the client claims; the server never trusts it. */
  contentType?: string;
  field?: string;
}

export function multipartBody(
  fields: Record<string, string>,
  files: MultipartFile[],
): { payload: Buffer; contentType: string } {
  const boundary = `----kakehashi-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const file of files) {
    // Browsers send the name as UTF-8 inside the quoted filename.
    const filename = file.name.replaceAll('"', "%22");
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${filename}"\r\n` +
          `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A real 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The start of a Windows executable (MZ header, PE signature): what a renamed .exe holds. */
export const EXE_BYTES = (() => {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  bytes.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  return bytes;
})();
