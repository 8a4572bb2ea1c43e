import type { attachmentsJa } from "./attachments.ja.ts";

export const attachmentsEn: Record<keyof typeof attachmentsJa, string> = {
  "attachments.heading": "Attachments",
  "attachments.caption": "Files attached to this report",
  "attachments.empty": "No files are attached.",
  "attachments.lead":
    "Attachments are stored encrypted and are never published. Opening one always downloads it; it is never shown inside the browser.",
  "attachments.col.name": "File name",
  "attachments.col.class": "Class",
  "attachments.col.size": "Size",
  "attachments.col.type": "Type (from the content)",
  "attachments.col.uploadedAt": "Attached",
  "attachments.col.download": "Download",
  "attachments.download": "Download",
  "attachments.downloadLabel": "Download {name}",
  "attachments.notReadable":
    "The files can be downloaded by the desk member assigned to this report and by the desk's admins.",
  "attachments.class.attack_method": "Attack method (exploit, PoC)",
  "attachments.class.verification_method": "Verification method",
  "attachments.size.bytes": "{n} bytes",
  "attachments.size.kb": "{n} KB",
  "attachments.size.mb": "{n} MB",
  "attachments.upload.heading": "Attach files",
  "attachments.upload.files": "Files",
  "attachments.upload.filesHint":
    "Up to {max} files per report, {size} MB each. You can attach images (PNG, JPEG, GIF, WebP), PDF, archives (zip, 7z, gzip), videos (MP4, WebM, MOV), packet captures (pcap, pcapng) and text (logs, source code and the like, in UTF-8). The type is judged from the content, not the file name.",
  "attachments.upload.choose": "Choose",
  "attachments.upload.class": "Class",
  "attachments.upload.classHint":
    "Choose whether the files you select are part of the attack method or the verification method. Neither is ever published. Attach files of different classes separately.",
  "attachments.upload.remaining": "You can attach {count} more.",
  "attachments.upload.full": "The report holds the most files it can ({max}).",
  "attachments.upload.submit": "Attach",
  "attachments.notice.attached": "The files were attached.",
  "attachments.error.class": "Choose the class.",
  "attachments.error.file": "Choose the files to attach.",
  "attachments.error.tooLarge": "“{name}” is larger than {size} MB and cannot be attached.",
  "attachments.error.tooMany": "A report can hold at most {max} files. Choose fewer files.",
  "attachments.error.empty": "“{name}” is empty.",
  "attachments.error.type":
    "“{name}” is not a type of file that can be attached. You can attach images, PDF, archives such as zip, videos, packet captures and text (the type is judged from the content). Put executables and the like in a zip archive.",
  "attachments.error.closed":
    "Files can no longer be attached to this report. Tell the desk what you need to in a message.",
  "attachments.receipt.heading": "Attach files (optional)",
  "attachments.receipt.lead":
    "Your report has been received. If you have screenshots, logs, a PoC or other files, you can attach them here. You can also attach them later from the report's page.",
};
