// Texts of the intake desk's public key: its page, the encrypted message on the report form and
// the report page, and the refusals of a message. Keys start with "deskKey.".
export const deskKeyJa = {
  "deskKey.title": "受付機関の公開鍵（OpenPGP） — 架け橋",
  "deskKey.heading": "受付機関の公開鍵（OpenPGP）",
  "deskKey.lead":
    "届出の詳細は、この公開鍵で暗号化して送ることもできます。暗号化したメッセージは受付機関だけが復号でき、復号した内容は暗号化して保管されます。",
  "deskKey.fingerprint": "フィンガープリント",
  "deskKey.fingerprintHint":
    "電話などで読み上げて確かめられるよう、4文字ずつ区切っています。鍵を取り込んだら、gpg が表示するフィンガープリントがこれと一致することを確かめてください。",
  "deskKey.userId": "ユーザーID",
  "deskKey.createdAt": "作成日時",
  "deskKey.download": "公開鍵をダウンロード（.asc）",
  "deskKey.machine":
    "同じ鍵は {asc}（application/pgp-keys）と {api}（JSON）からいつでも取得できます。鍵が更新されると、これらのURLは新しい鍵を返します。",
  "deskKey.howTo.heading": "GnuPG で暗号化する方法",
  "deskKey.howTo.import": "公開鍵を取り込みます。",
  "deskKey.howTo.check":
    "表示されたフィンガープリントが、このページの値と一致することを確かめます。",
  "deskKey.howTo.encrypt":
    "届出の詳細（脆弱性の説明、環境と再現手順など）を書いたテキストファイルを暗号化します。",
  "deskKey.howTo.paste":
    "できたファイル report.txt.asc の内容（-----BEGIN PGP MESSAGE----- から -----END PGP MESSAGE----- まで）を、届出フォームの「暗号化したメッセージ」欄に貼り付けます。",
  "deskKey.howTo.notes":
    "暗号化できるのはテキスト（UTF-8、1 MB まで）です。署名付きのメッセージも受け付けますが、署名は検証しません。届出の題名と対象（製品名とバージョン、またはサイトのURL）は、フォームに暗号化せずに入力してください。",
  "deskKey.publicKey": "公開鍵",
  "deskKey.startReport": "届出を始める",
  "deskKey.footerLink": "受付機関の公開鍵（PGP）",
  // The report form and its confirmation
  "deskKey.form.section": "暗号化したメッセージ（任意）",
  "deskKey.form.lead":
    "届出の詳細は、受付機関の公開鍵で暗号化して送ることもできます。暗号化したメッセージを貼り付けた場合は、「脆弱性の説明」と「環境と再現手順」を空欄にしてかまいません（メッセージの中に書いてください）。",
  "deskKey.form.keyLink": "受付機関の公開鍵と暗号化の方法",
  "deskKey.form.label": "暗号化したメッセージ（ASCII 形式の OpenPGP メッセージ）",
  "deskKey.form.hint":
    "gpg --encrypt --armor で作った、-----BEGIN PGP MESSAGE----- で始まるテキストをそのまま貼り付けてください。",
  "deskKey.confirm.attached":
    "暗号化したメッセージが添付されています（{size} 文字）。受付機関の鍵で復号できることを確認しました。",
  // The report page
  "deskKey.detail.label": "暗号化メッセージ（届出者の PGP メッセージを復号したもの）",
  "deskKey.detail.decryptedWith": "受付機関の鍵 {fingerprint} で復号しました。",
  "deskKey.detail.signed":
    "このメッセージには署名（鍵ID {keyIds}）が付いていましたが、署名は検証していません。",
  // Refusals of a message
  "deskKey.error.invalid":
    "ASCII 形式の OpenPGP メッセージ（-----BEGIN PGP MESSAGE----- で始まるもの）ではありません。",
  "deskKey.error.wrongKey":
    "受付機関の公開鍵で暗号化されたメッセージではありません。/desk-key に掲載している鍵で暗号化し直してください。",
  "deskKey.error.unreadable":
    "メッセージを復号できませんでした（壊れているか、改変されています）。",
  "deskKey.error.notText":
    "復号した内容が UTF-8 のテキストではありません。テキストだけを暗号化してください。",
  "deskKey.error.tooLarge": "復号した内容が大きすぎます（1 MB まで）。",
  "deskKey.error.empty": "復号した内容が空です。",
};
