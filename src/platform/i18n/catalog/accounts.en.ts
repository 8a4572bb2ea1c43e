import type { accountsJa } from "./accounts.ja.ts";

export const accountsEn: Record<keyof typeof accountsJa, string> = {
  "accounts.errorTitle": "Error: {title}",
  "accounts.errorSummary.title": "There is a problem",

  "accounts.field.name": "Name",
  "accounts.field.email": "E-mail address",
  "accounts.field.password": "Password",
  "accounts.field.currentPassword": "Current password",
  "accounts.field.newPassword": "New password",
  "accounts.field.language": "Language",
  "accounts.language.ja": "Japanese (日本語)",
  "accounts.language.en": "English",
  "accounts.password.hint":
    "At least 12 characters. A commonly used password, or one containing your e-mail address, is not accepted.",

  "accounts.link.account": "Go to your account",
  "accounts.link.continue": "Continue",

  "accounts.error.nameRequired": "Enter your name.",
  "accounts.error.emailRequired": "Enter your e-mail address.",
  "accounts.error.emailInvalid": "Enter an e-mail address in the form name@example.com.",
  "accounts.error.passwordRequired": "Enter your password.",
  "accounts.error.currentPasswordRequired": "Enter your current password.",
  "accounts.error.newPasswordRequired": "Enter a new password.",
  "accounts.error.codeRequired": "Enter the code.",
  "accounts.error.tokenNameRequired": "Enter a name for the token.",
  "accounts.error.languageInvalid": "Choose Japanese or English.",
  "accounts.error.tooLong": "Enter at most {max} characters.",
  "accounts.error.password.tooShort": "The password must have at least 12 characters.",
  "accounts.error.password.tooLong": "The password is too long.",
  "accounts.error.password.tooCommon": "This password is too common. Choose another one.",
  "accounts.error.password.containsEmail": "The password must not contain your e-mail address.",
  "accounts.error.invalidCredentials": "The e-mail address or password is wrong.",
  "accounts.error.currentPasswordWrong": "The current password is wrong.",
  "accounts.error.locked":
    "After too many failed sign-ins the account is locked for a while. Try again later, or reset your password.",
  "accounts.error.rateLimited": "Too many attempts in a short time. Wait a moment and try again.",
  "accounts.error.invalidCode": "The code is wrong.",
  "accounts.error.invalidToken": "This link is not valid or has expired.",
  "accounts.error.emailTaken":
    "An account with this e-mail address already exists. Sign in, or reset your password.",
  "accounts.error.generic": "This could not be completed. Please try again.",

  "accounts.signup.title": "Register as a finder",
  "accounts.signup.lead":
    "Create an account to report vulnerabilities. After registering you will receive an e-mail to confirm your address.",
  "accounts.signup.nameHint":
    "The intake desk uses it to contact you. For each report you choose whether the coordinator and vendors may see it.",
  "accounts.signup.emailHint": "We will send a confirmation link to this address.",
  "accounts.signup.languageHint": "For pages and e-mail. You can change it later.",
  "accounts.signup.submit": "Register",
  "accounts.signup.haveAccount": "Already have an account?",
  "accounts.signupSent.title": "Check your e-mail",
  "accounts.signupSent.body":
    "We sent an e-mail to {email}. Open the link in it within 24 hours to confirm your address.",
  "accounts.signupSent.notReceived":
    "If it does not arrive, check your spam folder. Once signed in, you can have it sent again from your account page.",

  "accounts.verifyEmail.title": "Confirm your e-mail address",
  "accounts.verifyEmail.body": "Press the button below to confirm this e-mail address.",
  "accounts.verifyEmail.submit": "Confirm my e-mail address",
  "accounts.verifyEmailDone.title": "E-mail address confirmed",
  "accounts.verifyEmailDone.body":
    "Your e-mail address is confirmed. You can now report vulnerabilities.",
  "accounts.invalidLink.title": "This link does not work",
  "accounts.invalidLink.body":
    "The link is not valid, has been used already or has expired. Please start again.",

  "accounts.signin.title": "Sign in",
  "accounts.signin.link": "Sign in",
  "accounts.signin.submit": "Sign in",
  "accounts.signin.forgotPassword": "Forgot your password?",
  "accounts.signin.noAccount": "Register as a finder",

  "accounts.secondFactor.title": "Two-factor authentication",
  "accounts.secondFactor.lead": "Enter the 6-digit code shown in your authenticator app.",
  "accounts.secondFactor.code": "Code or recovery code",
  "accounts.secondFactor.codeHint":
    "If you lost your device, enter one of the recovery codes you saved when you set up two-factor authentication (for example k7qd-m2xp-9fhw).",
  "accounts.secondFactor.submit": "Verify",

  "accounts.twoFactor.title": "Set up two-factor authentication",
  "accounts.twoFactor.mandatory":
    "Members of an organization must use two-factor authentication. The other pages are available once it is set up.",
  "accounts.twoFactor.step.app":
    "Get an authenticator app on your phone (for example Google Authenticator or Microsoft Authenticator).",
  "accounts.twoFactor.step.scan": "Scan this QR code with the app.",
  "accounts.twoFactor.qrAlt":
    "QR code to add this account to an authenticator app (the same setup key is given below)",
  "accounts.twoFactor.manual": "If you cannot scan it, enter this setup key in the app instead:",
  "accounts.twoFactor.step.code": "Enter the 6-digit code the app shows to finish.",
  "accounts.twoFactor.code": "Code",
  "accounts.twoFactor.codeHint": "6 digits.",
  "accounts.twoFactor.submit": "Finish setup",
  "accounts.twoFactorAlready.title": "Two-factor authentication is already on",
  "accounts.twoFactorAlready.body":
    "Two-factor authentication is already enabled for this account.",
  "accounts.recoveryCodes.title": "Two-factor authentication is on",
  "accounts.recoveryCodes.enabled":
    "Two-factor authentication is enabled. From now on you will enter a code when you sign in.",
  "accounts.recoveryCodes.heading": "Recovery codes",
  "accounts.recoveryCodes.warning":
    "These recovery codes are shown only now. Print them or keep them somewhere safe, such as a password manager. If you cannot use your authenticator app, each code works once instead of a code from the app.",
  "accounts.recoveryCodes.continue": "I have saved them — continue",

  "accounts.passwordReset.title": "Reset your password",
  "accounts.passwordReset.lead":
    "Enter the e-mail address of your account. We will send you a link to set a new password.",
  "accounts.passwordReset.submit": "Send the link",
  "accounts.passwordReset.again": "Send a new reset link",
  "accounts.passwordResetSent.title": "Check your e-mail",
  "accounts.passwordResetSent.body":
    "If there is an account with that address, we have sent it a link to reset the password. The link works for 60 minutes.",
  "accounts.passwordResetComplete.title": "Choose a new password",
  "accounts.passwordResetComplete.lead":
    "Enter a new password. Any other device signed in to this account will be signed out.",
  "accounts.passwordResetComplete.submit": "Set the password",
  "accounts.passwordResetDone.title": "Password changed",
  "accounts.passwordResetDone.body": "Sign in with your new password.",

  "accounts.invitation.title": "Accept the invitation",
  "accounts.invitation.lead":
    "To accept the invitation to the organization, choose a password for your account.",
  "accounts.invitation.submit": "Set the password and accept",
  "accounts.invitationDone.title": "Invitation accepted",
  "accounts.invitationDone.body": "Your account is ready. Sign in with the password you chose.",
  "accounts.invitationDone.twoFactor":
    "At your first sign-in you will set up two-factor authentication.",

  "accounts.account.title": "Your account",
  "accounts.account.notice.profile": "Your profile was saved.",
  "accounts.account.notice.password":
    "Your password was changed. Sessions on other devices have ended.",
  "accounts.account.notice.verification": "A new confirmation e-mail is on its way.",
  "accounts.account.notice.tokenRevoked": "The API token was revoked.",
  "accounts.account.profile.heading": "Profile",
  "accounts.account.organization": "Member of {organization} ({role})",
  "accounts.account.finder": "This is a finder account.",
  "accounts.account.languageHint": "Pages and e-mail will be in this language.",
  "accounts.account.profile.submit": "Save",
  "accounts.account.email.heading": "E-mail address",
  "accounts.account.email.verified": "Confirmed.",
  "accounts.account.email.unverified":
    "Not confirmed yet. To file reports, open the link in the e-mail we sent you.",
  "accounts.account.email.resend": "Send the confirmation e-mail again",
  "accounts.account.twoFactor.heading": "Two-factor authentication",
  "accounts.account.twoFactor.enabled": "On.",
  "accounts.account.twoFactor.disabled": "Not set up.",
  "accounts.account.twoFactor.setUp": "Set up two-factor authentication",
  "accounts.account.password.heading": "Change your password",
  "accounts.account.password.lead": "Sessions on other devices end when you change it.",
  "accounts.account.password.submit": "Change the password",
  "accounts.role.admin": "administrator",
  "accounts.role.member": "member",
  "accounts.role.analyst": "analyst",

  "accounts.tokens.heading": "API tokens",
  "accounts.tokens.lead":
    "Tokens let programs use the API on your behalf. Revoke those you no longer need.",
  "accounts.tokens.none": "You have no API tokens.",
  "accounts.tokens.caption": "Your API tokens",
  "accounts.tokens.column.name": "Name",
  "accounts.tokens.column.created": "Created",
  "accounts.tokens.column.lastUsed": "Last used",
  "accounts.tokens.column.status": "Status",
  "accounts.tokens.column.action": "Action",
  "accounts.tokens.neverUsed": "Never",
  "accounts.tokens.active": "Active",
  "accounts.tokens.revokedAt": "Revoked",
  "accounts.tokens.revoke": "Revoke",
  "accounts.tokens.revokeNamed": "Revoke the token “{name}”",
  "accounts.tokens.createHeading": "Create a token",
  "accounts.tokens.name": "Token name",
  "accounts.tokens.nameHint": "A name that says what it is for (for example: ticket system).",
  "accounts.tokens.create": "Create the token",
  "accounts.tokens.created": "The API token “{name}” was created.",
  "accounts.tokens.copyHint":
    "This is the only time the token is shown. Copy it now and keep it somewhere safe.",
};
