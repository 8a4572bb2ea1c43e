/** Report attachments: the list on the report page, the upload form and its messages. */
export const attachmentsJa = {
  "attachments.heading": "添付ファイル",
  "attachments.caption": "この届出に添付されたファイル",
  "attachments.empty": "添付ファイルはありません。",
  "attachments.lead":
    "添付ファイルは暗号化して保管し、公開されることはありません。開くときは必ずダウンロードになり、ブラウザの中では表示しません。",
  "attachments.col.name": "ファイル名",
  "attachments.col.class": "区分",
  "attachments.col.size": "サイズ",
  "attachments.col.type": "種類（内容から判定）",
  "attachments.col.uploadedAt": "添付日時",
  "attachments.col.download": "ダウンロード",
  "attachments.download": "ダウンロード",
  "attachments.downloadLabel": "{name} をダウンロード",
  "attachments.notReadable":
    "ファイルをダウンロードできるのは、この届出の担当者と受付機関の管理者です。",
  "attachments.class.attack_method": "攻撃方法（エクスプロイト、PoC など）",
  "attachments.class.verification_method": "検証方法",
  "attachments.size.bytes": "{n} バイト",
  "attachments.size.kb": "{n} KB",
  "attachments.size.mb": "{n} MB",
  "attachments.upload.heading": "ファイルを添付する",
  "attachments.upload.files": "ファイル",
  "attachments.upload.filesHint":
    "1 件の届出に {max} 個まで、1 ファイル {size} MB まで添付できます。添付できるのは、画像（PNG・JPEG・GIF・WebP）、PDF、アーカイブ（zip・7z・gzip）、動画（MP4・WebM・MOV）、パケットキャプチャ（pcap・pcapng）、テキスト（ログやソースコードなど UTF-8 のもの）です。種類はファイル名ではなく中身で判定します。",
  "attachments.upload.choose": "選択してください",
  "attachments.upload.class": "区分",
  "attachments.upload.classHint":
    "選んだファイルが攻撃方法と検証方法のどちらにあたるかを選んでください。どちらも公開されることはありません。異なる区分のファイルは分けて添付してください。",
  "attachments.upload.remaining": "あと {count} 個添付できます。",
  "attachments.upload.full": "添付できる数の上限（{max} 個）に達しています。",
  "attachments.upload.submit": "添付する",
  "attachments.notice.attached": "ファイルを添付しました。",
  "attachments.error.class": "区分を選んでください。",
  "attachments.error.file": "添付するファイルを選んでください。",
  "attachments.error.tooLarge": "「{name}」は {size} MB を超えているため添付できません。",
  "attachments.error.tooMany":
    "1 件の届出に添付できるのは {max} 個までです。選ぶファイルを減らしてください。",
  "attachments.error.empty": "「{name}」は空のファイルです。",
  "attachments.error.type":
    "「{name}」は添付できない種類のファイルです。画像、PDF、zip などのアーカイブ、動画、パケットキャプチャ、テキストを添付できます（種類は中身で判定します）。実行ファイルなどは zip にまとめて添付してください。",
  "attachments.error.closed":
    "この届出には、もうファイルを添付できません。必要なことはメッセージでお知らせください。",
  "attachments.receipt.heading": "ファイルを添付する（任意）",
  "attachments.receipt.lead":
    "届出は受け付けました。画面の写し、ログ、PoC などのファイルがあれば、ここから添付できます。あとで届出の画面から添付することもできます。",
};
