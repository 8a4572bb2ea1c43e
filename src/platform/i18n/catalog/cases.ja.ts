/** Product cases (調整案件): the coordinator's desk, the vendor portal and their mail. */
export const casesJa = {
  "mail.caseNotified.subject": "［架け橋］脆弱性関連情報の通知（{caseNumber}）",
  "mail.caseNotified.body":
    "ご担当者様\n\n貴組織に関係する脆弱性関連情報について、調整機関から通知があります。秘密保持契約に基づく情報のため、メールには内容を記載していません。次のページでサインインして確認し、受領を連絡してください。\n{link}",
  "mail.caseNotifiedEncrypted.subject": "［架け橋］脆弱性関連情報の通知（{caseNumber}）",
  "mail.caseNotifiedEncrypted.body":
    "ご担当者様\n\n貴組織に関係する脆弱性関連情報について、調整機関から通知します（このメールは登録された PGP 鍵で暗号化されています）。\n\n件名: {title}\n\n概要:\n{description}\n\n詳細の確認と受領の連絡は次のページで行ってください（サインインが必要です）。\n{link}",
  "mail.caseReminder.subject": "［架け橋］脆弱性関連情報への対応のお願い（督促）（{caseNumber}）",
  "mail.caseReminder.body":
    "ご担当者様\n\n調整中の脆弱性関連情報について、受領または状況の連絡をまだいただいていません。次のページでサインインして確認してください。\n{link}",
  "mail.caseEscalated.subject": "［架け橋］製品開発者から応答がありません（{caseNumber}）",
  "mail.caseEscalated.body":
    "調整担当者様\n\n案件の製品開発者が督促に応答していません。連絡先の確認や「連絡不能」の判断を検討してください。\n{link}",
  "mail.caseMessage.subject": "［架け橋］調整案件に新しいメッセージがあります（{caseNumber}）",
  "mail.caseMessage.body":
    "調整案件に新しいメッセージがあります。次のページでサインインして確認してください。\n{link}",
  "mail.caseScheduleChanged.subject": "［架け橋］公表予定日が変更されました（{caseNumber}）",
  "mail.caseScheduleChanged.body":
    "調整案件のスケジュールが改定されました。新しい日程と理由は次のページで確認してください（サインインが必要です）。\n{link}",
  "mail.caseUpdated.subject": "［架け橋］調整案件に更新があります（{caseNumber}）",
  "mail.caseUpdated.body":
    "調整案件に更新があります。次のページでサインインして確認してください。\n{link}",
  "mail.casePublicationAlert.subject":
    "［架け橋］公表予定日が近づいていますが準備が整っていません（{caseNumber}）",
  "mail.casePublicationAlert.body":
    "調整担当者様\n\n公表予定日までに、アドバイザリの承認または製品開発者の対策がそろっていない案件があります。次のページで確認してください。\n{link}",
} as const;
