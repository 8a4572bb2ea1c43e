// Shared texts (layout, home, errors, platform mail). Each part: ja defines the keys, en must match.
export const coreJa = {
  "site.name": "架け橋",
  "site.tagline": "脆弱性情報の調整・公表プラットフォーム",
  "layout.skipToContent": "本文へ移動",
  "layout.primaryNavigation": "メインナビゲーション",
  "layout.languageSwitch": "表示言語",
  "layout.switchTo": "English",
  "layout.switchToLabel": "Switch to English",
  "layout.footer": "架け橋は、脆弱性関連情報の届出受付・調整・公表を行うプラットフォームです。",
  "layout.timeZoneNote": "日時は日本時間（Asia/Tokyo）で表示します。",
  "nav.home": "ホーム",
  "nav.directory": "組織ディレクトリ",
  "nav.organization": "自組織",
  "nav.audit": "監査ログ",
  "nav.account": "アカウント",
  "nav.signIn": "サインイン",
  "nav.signUp": "発見者登録",
  "nav.signOut": "サインアウト",
  "nav.signedInAs": "{name} としてサインイン中",
  "home.title": "架け橋 — 脆弱性情報の調整・公表",
  "home.heading": "脆弱性を見つけた人と、直す人をつなぐ",
  "home.lead":
    "架け橋は、ソフトウェア製品やウェブサイトの脆弱性について、発見者からの届出を受け付け、製品開発者やウェブサイト運営者と調整し、対策が整った時点で一斉に公表するための仕組みです。",
  "home.audience.heading": "誰のためのサービスか",
  "home.audience.finders.title": "発見者の方",
  "home.audience.finders.body":
    "脆弱性を見つけた個人・研究者・企業の方。届出は受付番号で管理され、進み具合を確認できます。あなたの氏名などは、あなたが同意した範囲でのみ共有されます。",
  "home.audience.vendors.title": "製品開発者・ウェブサイト運営者の方",
  "home.audience.vendors.body":
    "秘密保持契約のもとで脆弱性の詳細を受け取り、対策を準備し、公表日を調整します。他の開発者との情報のやり取りは、すべて調整機関を通して行われます。",
  "home.audience.public.title": "利用者・報道関係の方",
  "home.audience.public.body":
    "公表された脆弱性対策情報は、検索可能なデータベース・フィード・標準形式で提供されます。攻撃方法や検証方法は公開しません。",
  "home.process.heading": "取扱いの流れ",
  "home.process.step1": "発見者が届け出る（受付機関が受付番号を発行）",
  "home.process.step2": "受付機関が内容を確認する",
  "home.process.step3":
    "製品の脆弱性は調整機関が関係する開発者に連絡し、公表日を調整する（既定では最初の連絡から45日後）",
  "home.process.step4": "ウェブサイトの脆弱性は運営者に通知し、修正を依頼する（公表はしない）",
  "home.process.step5": "製品の脆弱性は、すべての関係者が同時に対策情報を公表する",
  "home.confidentiality.heading": "秘密の扱い",
  "home.confidentiality.body":
    "届出の内容は暗号化して保管し、すべての閲覧と変更を記録します。攻撃方法・検証方法は公表の対象になりません。",
  "error.notFound.title": "ページが見つかりません",
  "error.notFound.body": "お探しのページは存在しないか、閲覧する権限がありません。",
  "error.generic.title": "エラーが発生しました",
  "error.generic.body": "処理を完了できませんでした。時間をおいてもう一度お試しください。",
  "error.csrf.body":
    "フォームの有効期限が切れました。ページを再読み込みして、もう一度送信してください。",
  "error.forbidden.title": "このページはお使いのアカウントでは利用できません",
  "error.forbidden.body":
    "サインイン中のアカウントには、このページを開く権限、またはこの操作を行う権限がありません。業務で必要な場合は、受付機関（組織のアカウントの場合はその組織の管理者）にお問い合わせください。",
  "error.forbidden.emailNotVerified":
    "先にメールアドレスを確認してください。お送りしたメールのリンクを開くか、アカウントページから確認メールを再送できます。",
  "error.forbidden.assignmentRequired":
    "先にこの案件の担当になってください（自分に割り当て）。その後、閲覧や操作ができます。",
  "error.forbidden.signedInAs": "{name}（{email}）としてサインインしています。",
  "error.forbidden.landing": "自分の作業一覧へ",
  "error.forbidden.account": "アカウントページへ",
  "error.forbidden.otherAccount": "別のアカウントでサインインする",
  "error.unauthenticated.title": "サインインしてください",
  "error.unauthenticated.body":
    "このページはサインインした利用者向けです。またはセッションが終了しました。サインインすると、このページに戻ります。",
  "error.unauthenticated.signIn": "サインイン",
  "error.backHome": "ホームに戻る",
  "audit.type.filterTitle": "この種類の記録だけを表示する",
  "mail.footer":
    "このメールは架け橋（{publicUrl}）から送信されました。心当たりがない場合は破棄してください。",
  "mail.verifyEmail.subject": "［架け橋］メールアドレスの確認",
  "mail.verifyEmail.body":
    "{name} 様\n\n架け橋へのご登録ありがとうございます。次のリンクを開いて、メールアドレスを確認してください（{hours}時間有効）。\n\n{link}\n\n確認が済むと、脆弱性関連情報を届け出ることができます。",
  "mail.invitation.subject": "［架け橋］{organization} への招待",
  "mail.invitation.body":
    "{name} 様\n\n架け橋の {organization} のメンバーとして招待されました。次のリンクを開いてパスワードを設定してください（{days}日間有効）。\n\n{link}\n\n初回のサインイン時に、2段階認証（認証アプリ）の登録をお願いします。",
  "mail.passwordReset.subject": "［架け橋］パスワードの再設定",
  "mail.passwordReset.body":
    "{name} 様\n\nパスワード再設定の依頼を受け付けました。次のリンクを開いて新しいパスワードを設定してください（{minutes}分間有効）。\n\n{link}\n\n心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
  "mail.passwordChanged.subject": "［架け橋］パスワードが変更されました",
  "mail.passwordChanged.body":
    "{name} 様\n\nあなたのアカウントのパスワードが {at} に変更されました。ほかのすべてのセッションはサインアウトされています。\n\n心当たりがない場合は、直ちにパスワードを再設定し、受付機関にご連絡ください。\n\n{link}",
  "mail.reportReceived.subject": "［架け橋］届出を受け付けました（{receiptNumber}）",
  "mail.reportReceived.body":
    "{name} 様\n\n脆弱性関連情報の届出を受け付けました。\n受付番号: {receiptNumber}\n\n進み具合は次のページで確認できます（サインインが必要です）。\n{link}\n\n受付は、届出の内容やその入手方法が適法であると判断したことを意味するものではなく、法的な責任を免除するものでもありません。",
  "mail.test.subject": "［架け橋］テストメール",
  "mail.test.body":
    "これは架け橋のメール設定を確認するためのテストメールです。\n送信日時: {sentAt}",
} as const;
