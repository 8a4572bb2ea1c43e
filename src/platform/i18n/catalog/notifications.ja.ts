/** Notification preferences, the daily digest and the mails that say what happened (issue 13). */
export const notificationsJa = {
  "notifications.kind.report_submitted": "新しい届出",
  "notifications.kind.report_answered": "発見者が追加情報の依頼に回答した",
  "notifications.kind.finder_message": "発見者からのメッセージ",
  "notifications.kind.site_case_news": "ウェブサイト案件の動き",
  "notifications.kind.case_opened": "届出が調整機関に転送された・調整案件が開始された",
  "notifications.kind.vendor_acknowledged": "製品開発者が受領を連絡した",
  "notifications.kind.vendor_status": "製品開発者が状況を報告した",
  "notifications.kind.vendor_countermeasure": "製品開発者が対策（修正・回避策）を登録した",
  "notifications.kind.case_attention": "調整機関の判断が要る事柄（無応答、公表前の警告、依頼）",
  "notifications.kind.case_message": "調整案件のメッセージ",
  "notifications.kind.priority_provision": "優先情報提供: 同意の依頼と回答、提供物の送付",
  "notifications.kind.case_news": "参加している調整案件の通知・督促・日程・更新",
  "notifications.kind.advisory_published": "アドバイザリの公表",
  "notifications.kind.analysis_share": "案件の外部分析機関への共有とその取り消し",
  "notifications.kind.report_progress": "自分の届出の進み具合",
  "notifications.kind.report_requests": "自分の届出への受付機関からの依頼とメッセージ",

  "notifications.delivery.immediate": "すぐに",
  "notifications.delivery.digest": "1日1回のまとめで",
  "notifications.delivery.none": "通知しない",

  "notifications.page.title": "メール通知の設定",
  "notifications.page.lead":
    "できごとの種類ごとに、メールで知らせる方法を選んでください。まとめは毎日 {time} に、その日までのできごとを1通にして送ります。メールには届出の内容を記載せず、何が起きたか、受付番号または案件番号、リンクだけを記載します。",
  "notifications.page.caption": "できごとの種類と通知の方法",
  "notifications.page.column.kind": "できごと",
  "notifications.page.default": "（既定）",
  "notifications.page.save": "保存する",
  "notifications.page.saved": "通知の設定を保存しました。",
  "notifications.page.back": "アカウントに戻る",
  "notifications.page.invalid": "選択肢から選んでください。",
  "notifications.account.link": "メール通知の設定",
  "notifications.account.heading": "メール通知",
  "notifications.account.lead":
    "新しい届出や案件の動きを、すぐに・1日1回のまとめで・通知しない、から選べます。",

  "notifications.digest.item": "・{reference}: {what}\n  {at}\n  {link}",
  "notifications.what.generic": "更新があります。",
  "notifications.what.reportSubmitted": "新しい届出がありました。",
  "notifications.what.reportResubmitted": "発見者が追加情報の依頼に回答しました。",
  "notifications.what.finderDraftComment": "発見者から公表文案へのコメントがあります。",
  "notifications.what.finderMessage": "発見者からメッセージがあります。",
  "notifications.what.caseOpened": "新しい調整案件があります（届出の転送または案件の開始）。",
  "notifications.what.caseOpenedFromReport":
    "新しい調整案件があります（届出 {receiptNumber} が転送されました）。",
  "notifications.what.caseOpenedByCsirt":
    "新しい調整案件があります（CSIRT {organization} が開始しました）。",
  "notifications.what.caseOpenedBySelfReport":
    "新しい調整案件があります（製品開発者 {organization} が自社の届出として開始しました）。",
  "notifications.what.vendorAcknowledged": "{vendor} が受領を連絡しました。",
  "notifications.what.vendorStatus": "{vendor} が状況を報告しました。",
  "notifications.what.vendorCountermeasure": "{vendor} が対策（修正または回避策）を登録しました。",
  "notifications.what.finderDraftCommentRelayed":
    "発見者から公表文案へのコメントがあります（受付機関が中継しました）。",
  "notifications.what.coordinatorWroteToFinder":
    "調整機関が案件 {caseNumber} の発見者宛てにメッセージを書きました。届出の画面から中継してください。",
  "notifications.what.draftReady": "公表文案の確認をお願いします。",
  "notifications.what.caseMessage": "調整案件に新しいメッセージがあります。",
  "notifications.what.caseEscalated": "製品開発者から督促への応答がありません。",
  "notifications.what.casePublicationAlert": "公表日が近いのに、公表の準備が整っていません。",
  "notifications.what.caseUpdated": "調整案件に更新があります。",
  "notifications.what.caseNotified": "脆弱性関連情報の通知があります。",
  "notifications.what.caseReminder": "調整案件への回答をお待ちしています（督促）。",
  "notifications.what.caseScheduleChanged": "公表日程が変わりました。",
  "notifications.what.advisoryPublished": "アドバイザリ {advisoryId} が公表されました。",
  "notifications.what.infoRequested": "受付機関が追加情報を求めています（回答が必要です）。",
  "notifications.what.accepted": "届出が受理されました。",
  "notifications.what.rejected": "届出は受理されませんでした。",
  "notifications.what.forwardedToCoordinator": "届出が調整機関に転送されました。",
  "notifications.what.forwardedToOperator": "届出がサイト運営者に通知されました。",
  "notifications.what.publicationDateSet": "公表予定日が決まりました: {date}",
  "notifications.what.closed": "届出の取り扱いが終了しました。",
  "notifications.what.deskMessage": "受付機関からメッセージがあります。",
  "notifications.what.deskMessageReplyAwaited":
    "受付機関からメッセージがあります（返信をお待ちしています）。",
  "notifications.what.consultationAnswered": "公表についての相談に受付機関が回答しました。",

  "mail.notice.subject": "［架け橋］{reference}: {what}",
  "mail.notice.body":
    "{what}\n受付番号・案件番号: {reference}\n\n次のページでサインインして確認してください。\n{link}",
  "mail.notificationDigest.subject": "［架け橋］前回のまとめ以降の通知（{count}件）",
  "mail.notificationDigest.body":
    "{name} 様\n\n前回のまとめ以降のできごとです。内容は各リンクのページでサインインして確認してください。\n\n{items}\n\n通知の方法は次のページで変更できます。\n{preferencesLink}",
  "mail.reportInfoRequested.subject":
    "［架け橋］【要対応】届出 {receiptNumber} について受付機関が追加情報を求めています",
  "mail.reportInfoRequested.body":
    "{name} 様\n\n届出 {receiptNumber} について、受付機関が追加の情報を求めています。次のページでサインインして依頼を読み、届出の画面から回答してください。回答があるまで、届出の取り扱いは止まります。\n{link}",
  "mail.reportAccepted.subject": "［架け橋］届出 {receiptNumber} を受理しました",
  "mail.reportAccepted.body":
    "{name} 様\n\n届出 {receiptNumber} を受理しました。受付機関が、製品開発者またはサイト運営者への連絡を準備します。進み具合は次のページで確認できます（サインインが必要です）。\n{link}",
  "mail.reportRejected.subject": "［架け橋］届出 {receiptNumber} は受理されませんでした",
  "mail.reportRejected.body":
    "{name} 様\n\n届出 {receiptNumber} は受理されませんでした。受付機関からの理由は次のとおりです。\n\n{reason}\n\n届出の画面（サインインが必要です）:\n{link}",
  "mail.reportForwardedToCoordinator.subject":
    "［架け橋］届出 {receiptNumber} を調整機関に転送しました",
  "mail.reportForwardedToCoordinator.body":
    "{name} 様\n\n届出 {receiptNumber} を調整機関に転送しました。調整機関が製品開発者と対策や公表日程を調整します。進み具合は次のページで確認できます（サインインが必要です）。\n{link}",
  "mail.reportForwardedToOperator.subject":
    "［架け橋］届出 {receiptNumber} をサイト運営者に通知しました",
  "mail.reportForwardedToOperator.body":
    "{name} 様\n\n届出 {receiptNumber} について、受付機関がサイト運営者に通知しました。運営者の対応は次のページで確認できます（サインインが必要です）。\n{link}",
  "mail.reportPublicationDateSet.subject":
    "［架け橋］届出 {receiptNumber} の公表予定日が決まりました",
  "mail.reportPublicationDateSet.body":
    "{name} 様\n\n届出 {receiptNumber} の脆弱性について、公表予定日が次のとおり決まりました（変わることがあります）。\n\n公表予定日: {date}\n\nそれまでは、この脆弱性を公開しないでください。詳しくは次のページで確認できます（サインインが必要です）。\n{link}",
  "mail.reportClosed.subject":
    "［架け橋］届出 {receiptNumber} の取り扱いを終了しました（{outcome}）",
  "mail.reportClosed.body":
    "{name} 様\n\n届出 {receiptNumber} の取り扱いを終了しました。\n結果: {outcome}\n\n受付機関からのメッセージがある場合は、次のページで確認できます（サインインが必要です）。\n{link}",
  "mail.reportDeskMessage.subject":
    "［架け橋］届出 {receiptNumber} について受付機関からメッセージがあります",
  "mail.reportDeskMessage.body":
    "{name} 様\n\n届出 {receiptNumber} について、受付機関からメッセージがあります。次のページでサインインして読んでください。\n{link}",
  "mail.reportDeskMessageReplyAwaited.subject":
    "［架け橋］【返信をお待ちしています】届出 {receiptNumber} について受付機関からメッセージがあります",
  "mail.reportDeskMessageReplyAwaited.body":
    "{name} 様\n\n届出 {receiptNumber} について、受付機関からメッセージがあり、あなたの回答を待っています。次のページでサインインして読み、回答してください。\n{link}",
  "mail.reportConsultationAnswered.subject":
    "［架け橋］届出 {receiptNumber} の公表についての相談に回答がありました",
  "mail.reportConsultationAnswered.body":
    "{name} 様\n\n届出 {receiptNumber} の公表についてのご相談に、受付機関が回答しました。次のページでサインインして確認してください。\n{link}",
  "mail.reportDraftReady.subject": "［架け橋］届出 {receiptNumber} の公表文案を確認できます",
  "mail.reportDraftReady.body":
    "{name} 様\n\n届出 {receiptNumber} の脆弱性を公表するアドバイザリの文案を、調整機関が用意しました。公表の前に、公開される部分を読み、謝辞や内容の正確さについてコメントできます。届出の画面で確認してください（サインインが必要です）。\n{link}",
  // The finder's pending action at the top of the report's page.
  "reports.pending.needsInfo.title": "対応をお願いします: 受付機関が追加の情報を求めています",
  "reports.pending.needsInfo.body":
    "メッセージで依頼を読み、このページの回答フォームから答えてください。回答があるまで、届出の取り扱いは止まります。",
  "reports.pending.needsInfo.readRequest": "依頼を読む（メッセージ）",
  "reports.pending.needsInfo.answer": "回答する（回答フォーム）",
  "reports.pending.draftReady.title": "公表文案の確認をお願いします",
  "reports.pending.draftReady.body":
    "公表の前に、公開される部分を読み、謝辞などに誤りがあれば受付機関に知らせてください。",
  "reports.pending.draftReady.link": "文案を読んでコメントする",
} as const;
