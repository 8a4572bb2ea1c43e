import MimeNode from "nodemailer/lib/mime-node";
import { createMessage, encrypt, readKey } from "openpgp";

/**
 * PGP/MIME (RFC 3156) for mail that carries confidential content (R-SEC-3): the body becomes a
 * MIME entity, encrypted with openpgp to every recipient key; the message sent is
 * `multipart/encrypted` around it. Headers stay in clear, so the subject must say nothing
 * confidential.
 */

/**
 * The MIME entity a mail client shows once it has decrypted the message. Built as a child
 * node: on its own, a root node would also get the message headers (Date, Message-ID,
 * MIME-Version) that belong to the outer message only.
 */
function bodyEntity(text: string): Promise<Buffer> {
  const entity = new MimeNode("multipart/mixed").createChild("text/plain; charset=utf-8", {
    newline: "windows",
  });
  entity.setContent(text);
  return entity.build();
}

/**
 * The body as an armored OpenPGP message that each of the keys can open. A key that cannot
 * encrypt at `at` (expired, revoked, no encryption subkey) makes it throw: the caller never
 * sends the content in clear instead.
 */
export async function encryptMailBody(
  text: string,
  armoredKeys: readonly string[],
  at: Date,
): Promise<string> {
  if (armoredKeys.length === 0) {
    throw new Error("A PGP/MIME message needs at least one recipient key.");
  }
  const encryptionKeys = await Promise.all(
    armoredKeys.map(async (armoredKey) => {
      const key = await readKey({ armoredKey });
      if (key.isPrivate()) throw new Error("A recipient key must be a public key.");
      return key;
    }),
  );
  const message = await createMessage({
    binary: new Uint8Array(await bodyEntity(text)),
    format: "binary",
    date: at,
  });
  return encrypt({ message, encryptionKeys, date: at, format: "armored" });
}

export interface PgpMimeHeaders {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

/**
 * The complete RFC 5322 message: `multipart/encrypted; protocol="application/pgp-encrypted"`
 * with the version part and the armored OpenPGP message, both 7bit as RFC 3156 has them.
 */
export function pgpMimeMessage(headers: PgpMimeHeaders, armoredMessage: string): Promise<Buffer> {
  const root = new MimeNode('multipart/encrypted; protocol="application/pgp-encrypted"', {
    newline: "windows",
  });
  root.setHeader({
    From: headers.from,
    To: headers.to,
    Subject: headers.subject,
    "Message-ID": headers.messageId,
    Date: headers.date,
    ...headers.headers,
  });
  root
    .createChild("application/pgp-encrypted")
    .setHeader({
      "Content-Description": "PGP/MIME version identification",
      "Content-Transfer-Encoding": "7bit",
    })
    .setContent("Version: 1\r\n");
  root
    .createChild('application/octet-stream; name="encrypted.asc"')
    .setHeader({
      "Content-Description": "OpenPGP encrypted message",
      "Content-Disposition": 'inline; filename="encrypted.asc"',
      "Content-Transfer-Encoding": "7bit",
    })
    .setContent(armoredMessage);
  return root.build();
}
