// Texts of the CSAF trusted provider's directory listings (/.well-known/csaf/…).
// Keys start with "csafProvider.".
export const csafProviderJa = {
  "csafProvider.listing.title": "{path} の一覧 — 架け橋",
  "csafProvider.listing.heading": "ファイル一覧:",
  "csafProvider.listing.lead":
    "架け橋が公表した脆弱性対策情報の CSAF 2.0 文書（TLP:WHITE）と、そのハッシュ値（.sha256、.sha512）と OpenPGP 署名（.asc）です。",
  "csafProvider.listing.start": "プログラムで取得するときは、提供者メタデータから辿ってください:",
  "csafProvider.listing.parent": "一つ上のフォルダへ",
  "csafProvider.listing.empty": "まだ公表された文書はありません。",
  "csafProvider.listing.name": "名前",
  "csafProvider.listing.what": "内容",
  "csafProvider.listing.updated": "最終更新",
  "csafProvider.file.metadata": "提供者メタデータ（CSAF 2.0 provider-metadata.json）",
  "csafProvider.file.feed": "ROLIE フィード（TLP:WHITE の全文書）",
  "csafProvider.file.service": "ROLIE サービス文書",
  "csafProvider.file.category": "ROLIE カテゴリ文書（ベンダ名・製品名）",
  "csafProvider.file.key": "署名用 OpenPGP 公開鍵",
  "csafProvider.file.directory": "TLP:WHITE の文書（年ごとのフォルダ）",
  "csafProvider.file.year": "{year} 年に初版を公表した文書（{count} 件）",
  "csafProvider.file.index": "全文書のパスの一覧（index.txt）",
  "csafProvider.file.changes": "文書ごとの最終更新日時、新しい順（changes.csv）",
  "csafProvider.file.document": "CSAF 文書",
  "csafProvider.file.sha256": "SHA-256 ハッシュ値",
  "csafProvider.file.sha512": "SHA-512 ハッシュ値",
  "csafProvider.file.signature": "OpenPGP 分離署名",
};
