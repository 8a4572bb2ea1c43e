// Texts of the accounts pages. Keys start with "accounts.".
export const accountsJa = {
  "accounts.errorTitle": "エラー: {title}",
  "accounts.errorSummary.title": "入力内容に問題があります",

  "accounts.field.name": "氏名",
  "accounts.field.email": "メールアドレス",
  "accounts.field.password": "パスワード",
  "accounts.field.currentPassword": "現在のパスワード",
  "accounts.field.newPassword": "新しいパスワード",
  "accounts.field.language": "使用する言語",
  "accounts.language.ja": "日本語",
  "accounts.language.en": "英語（English）",
  "accounts.password.hint":
    "12文字以上にしてください。よく使われるパスワードやメールアドレスを含むものは使えません。",

  "accounts.link.account": "アカウントへ",
  "accounts.link.continue": "次へ進む",

  "accounts.error.nameRequired": "氏名を入力してください。",
  "accounts.error.emailRequired": "メールアドレスを入力してください。",
  "accounts.error.emailInvalid": "メールアドレスを name@example.jp の形式で入力してください。",
  "accounts.error.passwordRequired": "パスワードを入力してください。",
  "accounts.error.currentPasswordRequired": "現在のパスワードを入力してください。",
  "accounts.error.newPasswordRequired": "新しいパスワードを入力してください。",
  "accounts.error.codeRequired": "確認コードを入力してください。",
  "accounts.error.tokenNameRequired": "トークンの名前を入力してください。",
  "accounts.error.languageInvalid": "日本語か英語を選んでください。",
  "accounts.error.tooLong": "{max}文字以内で入力してください。",
  "accounts.error.password.tooShort": "パスワードは12文字以上にしてください。",
  "accounts.error.password.tooLong": "パスワードが長すぎます。",
  "accounts.error.password.tooCommon":
    "このパスワードはよく使われているため使えません。別のパスワードにしてください。",
  "accounts.error.password.containsEmail": "パスワードにメールアドレスを含めないでください。",
  "accounts.error.invalidCredentials": "メールアドレスまたはパスワードが正しくありません。",
  "accounts.error.currentPasswordWrong": "現在のパスワードが正しくありません。",
  "accounts.error.locked":
    "サインインの失敗が続いたため、アカウントを一時的にロックしました。しばらく待ってからもう一度お試しいただくか、パスワードを再設定してください。",
  "accounts.error.rateLimited":
    "短時間に操作が集中しています。しばらく待ってからもう一度お試しください。",
  "accounts.error.invalidCode": "確認コードが正しくありません。",
  "accounts.error.invalidToken": "このリンクは無効か、有効期限が切れています。",
  "accounts.error.emailTaken":
    "このメールアドレスのアカウントは既にあります。サインインするか、パスワードを再設定してください。",
  "accounts.error.generic": "処理を完了できませんでした。もう一度お試しください。",

  "accounts.signup.title": "発見者として登録",
  "accounts.signup.lead":
    "脆弱性を届け出るためのアカウントを作成します。登録後、確認のためのメールをお送りします。",
  "accounts.signup.nameHint":
    "受付機関からの連絡に使います。調整機関や製品開発者に伝えるかどうかは、届出ごとに選べます。",
  "accounts.signup.emailHint": "確認のリンクをこのアドレスにお送りします。",
  "accounts.signup.languageHint": "画面とメールの言語です。後から変更できます。",
  "accounts.signup.submit": "登録する",
  "accounts.signup.haveAccount": "既にアカウントをお持ちの方は",
  "accounts.signupSent.title": "メールを確認してください",
  "accounts.signupSent.body":
    "{email} 宛てに確認のメールをお送りしました。メールに記載のリンクを24時間以内に開き、メールアドレスを確認してください。",
  "accounts.signupSent.notReceived":
    "メールが届かない場合は、迷惑メールフォルダをご確認ください。サインイン後、アカウントのページから確認メールを再送できます。",

  "accounts.verifyEmail.title": "メールアドレスの確認",
  "accounts.verifyEmail.body": "下のボタンを押すと、このメールアドレスの確認が完了します。",
  "accounts.verifyEmail.submit": "メールアドレスを確認する",
  "accounts.verifyEmailDone.title": "メールアドレスを確認しました",
  "accounts.verifyEmailDone.body":
    "メールアドレスの確認が完了しました。脆弱性を届け出ることができます。",
  "accounts.invalidLink.title": "リンクが無効です",
  "accounts.invalidLink.body":
    "このリンクは無効か、既に使われたか、有効期限が切れています。お手数ですが、もう一度手続きしてください。",

  "accounts.signin.title": "サインイン",
  "accounts.signin.link": "サインイン",
  "accounts.signin.submit": "サインインする",
  "accounts.signin.forgotPassword": "パスワードを忘れた方",
  "accounts.signin.noAccount": "発見者として新規登録する",

  "accounts.secondFactor.title": "2段階認証",
  "accounts.secondFactor.lead": "認証アプリに表示されている6桁の確認コードを入力してください。",
  "accounts.secondFactor.code": "確認コードまたはリカバリーコード",
  "accounts.secondFactor.codeHint":
    "端末をなくした場合は、2段階認証の設定時に保存したリカバリーコード（例: k7qd-m2xp-9fhw）を入力してください。",
  "accounts.secondFactor.submit": "確認する",

  "accounts.twoFactor.title": "2段階認証の設定",
  "accounts.twoFactor.mandatory":
    "組織のメンバーは2段階認証が必須です。設定が終わるまで他のページは使えません。",
  "accounts.twoFactor.step.app":
    "スマートフォンに認証アプリ（Google Authenticator、Microsoft Authenticator など）を用意します。",
  "accounts.twoFactor.step.scan": "認証アプリでこのQRコードを読み取ります。",
  "accounts.twoFactor.qrAlt":
    "認証アプリに登録するためのQRコード（下に同じ内容の設定キーがあります）",
  "accounts.twoFactor.manual": "読み取れない場合は、次の設定キーを認証アプリに入力してください。",
  "accounts.twoFactor.step.code":
    "認証アプリに表示された6桁の確認コードを入力して、設定を完了します。",
  "accounts.twoFactor.code": "確認コード",
  "accounts.twoFactor.codeHint": "6桁の数字です。",
  "accounts.twoFactor.submit": "設定を完了する",
  "accounts.twoFactorAlready.title": "2段階認証は設定済みです",
  "accounts.twoFactorAlready.body": "このアカウントでは2段階認証が既に有効です。",
  "accounts.recoveryCodes.title": "2段階認証を設定しました",
  "accounts.recoveryCodes.enabled":
    "2段階認証が有効になりました。次回からサインイン時に確認コードを入力します。",
  "accounts.recoveryCodes.heading": "リカバリーコード",
  "accounts.recoveryCodes.warning":
    "このリカバリーコードは今だけ表示されます。印刷するか、パスワード管理ソフトなど安全な場所に保存してください。認証アプリを使えなくなったとき、確認コードの代わりに1つずつ1回だけ使えます。",
  "accounts.recoveryCodes.continue": "保存したので次へ進む",

  "accounts.passwordReset.title": "パスワードの再設定",
  "accounts.passwordReset.lead":
    "登録したメールアドレスを入力してください。パスワードを再設定するためのリンクをお送りします。",
  "accounts.passwordReset.submit": "再設定のリンクを送る",
  "accounts.passwordReset.again": "再設定のリンクをもう一度送る",
  "accounts.passwordResetSent.title": "メールを確認してください",
  "accounts.passwordResetSent.body":
    "入力されたメールアドレスのアカウントがある場合、パスワード再設定のリンクをお送りしました。リンクの有効期限は60分です。",
  "accounts.passwordResetComplete.title": "新しいパスワードの設定",
  "accounts.passwordResetComplete.lead":
    "新しいパスワードを入力してください。設定すると、サインイン中の他の端末はすべてサインアウトされます。",
  "accounts.passwordResetComplete.submit": "パスワードを設定する",
  "accounts.passwordResetDone.title": "パスワードを変更しました",
  "accounts.passwordResetDone.body": "新しいパスワードでサインインしてください。",

  "accounts.invitation.title": "招待を受ける",
  "accounts.invitation.lead":
    "組織への招待を受けるには、このアカウントで使うパスワードを設定してください。",
  "accounts.invitation.submit": "パスワードを設定して招待を受ける",
  "accounts.invitationDone.title": "招待を受けました",
  "accounts.invitationDone.body":
    "アカウントの準備ができました。設定したパスワードでサインインしてください。",
  "accounts.invitationDone.twoFactor":
    "最初のサインインのときに、2段階認証を設定していただきます。",

  "accounts.account.title": "アカウント",
  "accounts.account.notice.profile": "プロフィールを保存しました。",
  "accounts.account.notice.password":
    "パスワードを変更しました。他の端末のセッションは終了しました。",
  "accounts.account.notice.verification": "確認のメールを再送しました。",
  "accounts.account.notice.tokenRevoked": "APIトークンを無効にしました。",
  "accounts.account.profile.heading": "プロフィール",
  "accounts.account.organization": "所属: {organization}（{role}）",
  "accounts.account.finder": "発見者のアカウントです。",
  "accounts.account.languageHint": "画面とメールの言語がこの設定に変わります。",
  "accounts.account.profile.submit": "保存する",
  "accounts.account.email.heading": "メールアドレス",
  "accounts.account.email.verified": "確認済みです。",
  "accounts.account.email.unverified":
    "まだ確認されていません。届出をするには、お送りしたメールのリンクから確認してください。",
  "accounts.account.email.resend": "確認メールを再送する",
  "accounts.account.twoFactor.heading": "2段階認証",
  "accounts.account.twoFactor.enabled": "有効です。",
  "accounts.account.twoFactor.disabled": "設定されていません。",
  "accounts.account.twoFactor.setUp": "2段階認証を設定する",
  "accounts.account.password.heading": "パスワードの変更",
  "accounts.account.password.lead": "変更すると、この端末以外のセッションはすべて終了します。",
  "accounts.account.password.submit": "パスワードを変更する",
  "accounts.role.admin": "管理者",
  "accounts.role.member": "メンバー",
  "accounts.role.analyst": "分析担当",

  "accounts.tokens.heading": "APIトークン",
  "accounts.tokens.lead":
    "プログラムからAPIを使うためのトークンです。不要になったものは無効にしてください。",
  "accounts.tokens.none": "APIトークンはありません。",
  "accounts.tokens.caption": "APIトークンの一覧",
  "accounts.tokens.column.name": "名前",
  "accounts.tokens.column.created": "作成日時",
  "accounts.tokens.column.lastUsed": "最終使用日時",
  "accounts.tokens.column.status": "状態",
  "accounts.tokens.column.action": "操作",
  "accounts.tokens.neverUsed": "未使用",
  "accounts.tokens.active": "有効",
  "accounts.tokens.revokedAt": "無効化:",
  "accounts.tokens.revoke": "無効にする",
  "accounts.tokens.revokeNamed": "トークン「{name}」を無効にする",
  "accounts.tokens.createHeading": "新しいトークンを作成",
  "accounts.tokens.name": "トークンの名前",
  "accounts.tokens.nameHint": "用途が分かる名前にしてください（例: 社内チケット連携）。",
  "accounts.tokens.create": "トークンを作成する",
  "accounts.tokens.created": "APIトークン「{name}」を作成しました。",
  "accounts.tokens.copyHint":
    "このトークンは今だけ表示されます。コピーして安全な場所に保存してください。",
} as const;
