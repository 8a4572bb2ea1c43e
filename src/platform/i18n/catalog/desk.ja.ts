/** The intake desk's queue, message templates and forward form; the finder portal's additions. */
export const deskJa = {
  // Queue filters
  "desk.filter.statusHint": "いくつでも選べます。選ばなければすべての状態です。",
  "desk.filter.assignee": "担当",
  "desk.filter.olderThanDays": "受付からの経過日数",
  "desk.filter.olderThanDaysHint": "この日数より前に受け付けた届出だけを表示します。",
  "desk.filter.q": "製品・開発者・サイト",
  "desk.filter.qHint": "製品名、開発者名、またはサイトのホスト名の一部。",
  "desk.filter.sort": "並び順",
  "desk.filter.sort.newest": "受付の新しい順",
  "desk.filter.sort.oldest": "受付の古い順",
  "desk.list.column.subject": "製品・サイト",
  "desk.list.column.age": "経過",
  "desk.list.column.acknowledgement": "応答の目標",
  "desk.age.day": "1日",
  "desk.age.days": "{days}日",
  // The acknowledgement target
  "desk.ack.within": "期限内",
  "desk.ack.near": "期限間近",
  "desk.ack.past": "期限超過",
  "desk.ack.due": "期限",
  "desk.ack.notAwaiting": "対象外",
  "desk.ack.businessDays": "{n}営業日",
  "desk.ack.calendarDays": "{n}日",
  "desk.ack.explain":
    "応答の目標: 新しい届出と、追加情報が届いた届出には、{target}以内に応答します（受理、追加情報の依頼、または不受理）。最後の1日に入ると「期限間近」、過ぎると「期限超過」と表示します。経過は受付からの日数です。",
  // Message templates
  "desk.template.label": "文例",
  "desk.template.hint":
    "文例は届出者の言語（{language}）で入ります。送る前に内容を確かめ、必要に応じて直してください。",
  "desk.template.use": "文例を入れる",
  "desk.template.language.ja": "日本語",
  "desk.template.language.en": "英語",
  "desk.template.request_info.details.label": "再現手順と環境を詳しく",
  "desk.template.request_info.details.body":
    "届出（受付番号 {receipt}）をありがとうございます。内容を確認するため、次の点を詳しく教えてください。\n\n- 再現の手順（順を追って）\n- 確認した環境（OS、ブラウザ、製品の設定など）\n- 期待される動作と、実際に起きた動作\n\nこの届出のページの「追加情報を送る」からお送りください。",
  "desk.template.request_info.affected.label": "対象の製品・版、またはページ",
  "desk.template.request_info.affected.body":
    "届出（受付番号 {receipt}）について、対象を特定するため、次の点を教えてください。\n\n- 製品の場合: 製品名、確認した版、製品の開発者\n- ウェブサイトの場合: 問題のあるページの URL と、分かればサイトの運営者\n\nこの届出のページの「追加情報を送る」からお送りください。",
  "desk.template.request_info.impact.label": "影響と確認の方法",
  "desk.template.request_info.impact.body":
    "届出（受付番号 {receipt}）について、影響を判断するため、次の点を教えてください。\n\n- 攻撃者にできること（情報の漏えい、改ざん、停止など）\n- 攻撃の前提（認証の要否、利用者の操作の要否など）\n- どのように確認したか\n\n権限のないシステムに対して確認の操作を行わないでください。この届出のページの「追加情報を送る」からお送りください。",
  "desk.template.reject.insufficient.label": "必要な情報がそろわない",
  "desk.template.reject.insufficient.body":
    "届出（受付番号 {receipt}）について、追加情報をお願いしましたが、脆弱性関連情報として取り扱うために必要な情報がそろわなかったため、受理できませんでした。新しい情報が得られた場合は、あらためて届け出てください。",
  "desk.template.reject.unreachable.label": "届出者と連絡が取れない",
  "desk.template.reject.unreachable.body":
    "届出（受付番号 {receipt}）について、ご連絡を差し上げましたが、お返事をいただけなかったため、受理できませんでした。取扱いを希望される場合は、あらためて届け出てください。",
  "desk.template.close.not_a_vulnerability.body":
    "届出（受付番号 {receipt}）を確認した結果、ご報告の事象は不具合ではあるものの、脆弱性（セキュリティ上の弱点）には当たらないと判断しました。このため、取扱いを終了します。届出をありがとうございました。",
  "desk.template.close.duplicate.body":
    "届出（受付番号 {receipt}）を確認した結果、すでに届け出られている、または公表済みの脆弱性と同じものと判断しました。重複先は届出のページに記載しています。このため、取扱いを終了します。届出をありがとうございました。",
  "desk.template.close.not_reproducible.body":
    "届出（受付番号 {receipt}）について、いただいた手順と環境では事象を再現できませんでした。このため、取扱いを終了します。再現の条件について新しい情報があれば、あらためて届け出てください。",
  "desk.template.close.illegally_obtained.body":
    "届出（受付番号 {receipt}）の情報は、不正な手段により得られたものと判断しました。このため、取扱いを終了します。なお、届出の受付は、発見や取得の方法が適法であったと判断するものではありません。",
  "desk.template.close.out_of_scope.body":
    "届出（受付番号 {receipt}）は、この制度の対象外と判断しました（国内で利用されていない製品、主に国内から利用されるものではないウェブサイト、暗号アルゴリズムそのものの弱点など）。このため、取扱いを終了します。届出をありがとうございました。",
  "desk.template.close.withdrawn.body":
    "届出（受付番号 {receipt}）を取り下げたいとのご連絡をいただきましたので、取扱いを終了します。",
  "desk.template.forward.product.label": "調整機関に転送した",
  "desk.template.forward.product.body":
    "届出（受付番号 {receipt}）を受理し、調整機関に転送しました。調整機関が製品開発者と調整し、対策と公表の予定が決まり次第お知らせします。公表までの間、この情報を第三者に開示しないようお願いします。",
  "desk.template.forward.web.label": "運営者に通知した",
  "desk.template.forward.web.body":
    "届出（受付番号 {receipt}）を受理し、ウェブサイトの運営者に通知しました。運営者が確認と修正を行い、その結果を受け取り次第お知らせします。それまでの間、この情報を第三者に開示しないようお願いします。",
  // Forward
  "desk.forward.message": "届出者へのメッセージ（任意）",
  "desk.forward.operator.legend": "通知する運営者",
  "desk.forward.operator.hint":
    "サイトに責任を持つ組織を選びます（ホスティングや開発の委託先ではありません）。ディレクトリにあれば選び、なければ名前と連絡先を入力してください。",
  "desk.forward.matches": "{host} に一致するディレクトリの運営者",
  "desk.forward.noMatches": "{host} に一致する運営者はディレクトリにありません。",
  "desk.forward.matchedDomain": "一致したドメイン: {domain}",
  "desk.forward.domains": "ドメイン: {domains}",
  "desk.forward.contact": "連絡先: {email}",
  "desk.forward.search.label": "ディレクトリを検索（名前またはドメイン）",
  "desk.forward.search.submit": "検索する",
  "desk.forward.results": "「{query}」の検索結果",
  "desk.forward.noResults": "「{query}」に一致する運営者はディレクトリにありません。",
  "desk.forward.new": "ディレクトリにない運営者（名前と連絡先を入力）",
  "desk.forward.newHint": "運営者には、案件を引き受けるためのリンクがメールで届きます。",
  // Finder portal
  "desk.detail.countermeasureDue": "対策の予定日",
  "desk.detail.publishedAt": "公表日時",
  "desk.detail.advisory": "公表された脆弱性対策情報",
  "desk.history.kindChange": "種類の変更: {from} → {to}",
  "desk.history.needsInfo": "メッセージをご覧ください",
  "desk.outcome.published": "公表により終了",
  "desk.outcome.no_action": "対応不要として終了",
  "desk.outcome.fixed": "運営者が修正",
  "desk.outcome.closed_after_warning": "運営者への注意喚起の後に終了",
  "desk.outcome.not_vulnerable": "運営者の確認で脆弱性ではないと判明",
  "desk.outcome.unreachable": "運営者と連絡が取れず終了",
  "desk.duplicates.heading": "重複の可能性（過去の届出・公表済みアドバイザリ）",
  "desk.duplicates.none": "重複の可能性がある届出やアドバイザリは見つかりませんでした。",
  "desk.duplicates.same_product": "同じ製品",
  "desk.duplicates.same_vendor": "同じ製品開発者",
  "desk.duplicates.same_site": "同じサイト",
  "desk.duplicates.same_cwe": "同じ CWE",
  "desk.duplicates.similar_text": "内容が類似",
  "desk.duplicates.separator": "、",
} as const;
