import type { deskKeyJa } from "./desk-key.ja.ts";

export const deskKeyEn: Record<keyof typeof deskKeyJa, string> = {
  "deskKey.title": "The intake desk's public key (OpenPGP) — Kakehashi",
  "deskKey.heading": "The intake desk's public key (OpenPGP)",
  "deskKey.lead":
    "You may encrypt the details of a report to this public key. Only the intake desk can decrypt the message, and what it decrypts is stored encrypted.",
  "deskKey.fingerprint": "Fingerprint",
  "deskKey.fingerprintHint":
    "Grouped by four characters so it can be read aloud, over the phone for instance. After importing the key, check that the fingerprint gpg shows is this one.",
  "deskKey.userId": "User ID",
  "deskKey.createdAt": "Created",
  "deskKey.download": "Download the public key (.asc)",
  "deskKey.machine":
    "The same key is always at {asc} (application/pgp-keys) and {api} (JSON). When the key is replaced, these addresses give the new one.",
  "deskKey.howTo.heading": "Encrypting with GnuPG",
  "deskKey.howTo.import": "Import the public key.",
  "deskKey.howTo.check": "Check that the fingerprint shown is the one on this page.",
  "deskKey.howTo.encrypt":
    "Encrypt a text file with the details of the report (description, environment and steps to reproduce, …).",
  "deskKey.howTo.paste":
    "Paste the content of report.txt.asc (from -----BEGIN PGP MESSAGE----- to -----END PGP MESSAGE-----) into the “Encrypted message” field of the report form.",
  "deskKey.howTo.notes":
    "Encrypt text only (UTF-8, up to 1 MB). A signed message is accepted, but its signature is not verified. Give the report's title and what it affects (product name and version, or the site's URL) in the form, unencrypted.",
  "deskKey.publicKey": "Public key",
  "deskKey.startReport": "Start a report",
  "deskKey.footerLink": "The intake desk's public key (PGP)",
  "deskKey.form.section": "Encrypted message (optional)",
  "deskKey.form.lead":
    "You may instead send the details encrypted to the intake desk's public key. If you paste an encrypted message, you may leave the description and the steps to reproduce empty (write them in the message).",
  "deskKey.form.keyLink": "The intake desk's public key and how to encrypt",
  "deskKey.form.label": "Encrypted message (an ASCII-armored OpenPGP message)",
  "deskKey.form.hint":
    "Paste the text made by gpg --encrypt --armor as it is, starting with -----BEGIN PGP MESSAGE-----.",
  "deskKey.confirm.attached":
    "An encrypted message is attached ({size} characters). It was checked to decrypt with the intake desk's key.",
  "deskKey.detail.label": "Encrypted message (decrypted from the finder's PGP message)",
  "deskKey.detail.decryptedWith": "Decrypted with the intake desk's key {fingerprint}.",
  "deskKey.detail.signed":
    "The message was signed (key ID {keyIds}); the signature was not verified.",
  "deskKey.error.invalid":
    "This is not an ASCII-armored OpenPGP message (one starting with -----BEGIN PGP MESSAGE-----).",
  "deskKey.error.wrongKey":
    "The message is not encrypted to the intake desk's public key. Encrypt it again to the key published at /desk-key.",
  "deskKey.error.unreadable": "The message could not be decrypted (it is damaged or was altered).",
  "deskKey.error.notText": "What the message contains is not UTF-8 text. Encrypt text only.",
  "deskKey.error.tooLarge": "What the message contains is too large (up to 1 MB).",
  "deskKey.error.empty": "The message is empty once decrypted.",
};
