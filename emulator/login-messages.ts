/**
 * Every word of the emulator's own pages (sign-in / sign-up, error and information pages), in
 * the languages the emulator ships. A page is shown in the project's language resolved from
 * `ui_locales` or Accept-Language (languages.ts), as Authgear's AuthUI is; a resolved language
 * the emulator has no words for falls back to its base language, then to English.
 * Placeholders are `{name}`, replaced by `format` (plain text, escaped by the page).
 */

export const PAGE_LOCALES = ["en", "de", "ja", "zh-HK", "ar"] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

export interface PageMessages {
  badge: string;
  footer: string;
  signinHeading: string;
  signupHeading: string;
  continueTo: string;
  emailLabel: string;
  emailHint: string;
  ipLabel: string;
  ipHint: string;
  continue: string;
  cancel: string;
  emailRequired: string;
  emailInvalid: string;
  ipInvalid: string;
  accountDisabledTitle: string;
  accountDisabledMessage: string;
  signupDeniedTitle: string;
  signupDeniedMessage: string;
  signupFailedTitle: string;
  hookTimeout: string;
  hookInvalidResponse: string;
  hookUnreachable: string;
  hookInvalidMutations: string;
  unknownClientTitle: string;
  unknownClientMessage: string;
  invalidRedirectTitle: string;
  invalidRedirectMessage: string;
  expiredTitle: string;
  expiredMessage: string;
  httpStatus: string;
  settingsTitle: string;
  settingsMessage: string;
  signedOutTitle: string;
  signedOutMessage: string;
  signedOutUnregistered: string;
}

const en: PageMessages = {
  badge: "Emulator",
  footer: "Local Authgear emulator — not a real Authgear project. No password or one-time code is asked.",
  signinHeading: "Sign in to Gradual",
  signupHeading: "Create your Gradual account",
  continueTo: "to continue to {client}",
  emailLabel: "Email",
  emailHint: "A new address creates an account; a known one signs in.",
  ipLabel: "Simulated IP address (optional)",
  ipHint: "For demos: hooks see this IPv4 or IPv6 address as the sign-in's IP, e.g. 81.2.69.160.",
  continue: "Continue",
  cancel: "Cancel",
  emailRequired: "Enter your email address.",
  emailInvalid: "Enter a valid email address, e.g. ada@example.com.",
  ipInvalid: "Enter a valid IPv4 or IPv6 address (e.g. 81.2.69.160 or 2001:db8::1), or leave it empty.",
  accountDisabledTitle: "Account disabled",
  accountDisabledMessage: "This account is disabled.",
  signupDeniedTitle: "Sign-up not allowed",
  signupDeniedMessage: "The project refused this sign-up.",
  signupFailedTitle: "Sign-up failed",
  hookTimeout: "The project's user.pre_create hook did not answer in time ({reason}). Try again later.",
  hookInvalidResponse: "The project's user.pre_create hook gave an invalid answer ({reason}). Try again later.",
  hookUnreachable: "The project's user.pre_create hook could not be reached ({reason}). Try again later.",
  hookInvalidMutations: "The project's user.pre_create hook returned invalid mutations (ValidationFailed: {detail}).",
  unknownClientTitle: "Unknown application",
  unknownClientMessage: "The client_id \"{clientId}\" is not registered in this project (emulator/authgear.yaml, oauth.clients).",
  invalidRedirectTitle: "Invalid redirect URI",
  invalidRedirectMessage:
    "The redirect_uri \"{redirectUri}\" is not one of the redirect URIs registered for {clientId}. It must match exactly, including the path and any trailing slash.",
  expiredTitle: "Sign-in expired",
  expiredMessage: "This sign-in request has expired or was already completed. Go back to the app and sign in again.",
  httpStatus: "HTTP {status}",
  settingsTitle: "Account settings are not emulated",
  settingsMessage: "Authgear's settings pages (AuthUI) are not part of the local emulator. Edit profiles in the app instead.",
  signedOutTitle: "Signed out",
  signedOutMessage: "You are signed out.",
  signedOutUnregistered: "You are signed out. \"{target}\" is not a registered post-logout redirect URI, so the emulator stays here.",
};

const de: PageMessages = {
  badge: "Emulator",
  footer: "Lokaler Authgear-Emulator – kein echtes Authgear-Projekt. Es wird weder ein Passwort noch ein Einmalcode abgefragt.",
  signinHeading: "Bei Gradual anmelden",
  signupHeading: "Gradual-Konto erstellen",
  continueTo: "weiter zu {client}",
  emailLabel: "E-Mail-Adresse",
  emailHint: "Eine neue Adresse legt ein Konto an, mit einer bekannten melden Sie sich an.",
  ipLabel: "Simulierte IP-Adresse (optional)",
  ipHint: "Für Vorführungen: Hooks sehen diese IPv4- oder IPv6-Adresse als IP der Anmeldung, z. B. 81.2.69.160.",
  continue: "Weiter",
  cancel: "Abbrechen",
  emailRequired: "Geben Sie Ihre E-Mail-Adresse ein.",
  emailInvalid: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. ada@example.com.",
  ipInvalid: "Geben Sie eine gültige IPv4- oder IPv6-Adresse ein (z. B. 81.2.69.160 oder 2001:db8::1) oder lassen Sie das Feld leer.",
  accountDisabledTitle: "Konto gesperrt",
  accountDisabledMessage: "Dieses Konto ist gesperrt.",
  signupDeniedTitle: "Registrierung nicht erlaubt",
  signupDeniedMessage: "Das Projekt hat diese Registrierung abgelehnt.",
  signupFailedTitle: "Registrierung fehlgeschlagen",
  hookTimeout: "Der user.pre_create-Hook des Projekts hat nicht rechtzeitig geantwortet ({reason}). Versuchen Sie es später erneut.",
  hookInvalidResponse: "Der user.pre_create-Hook des Projekts hat eine ungültige Antwort gegeben ({reason}). Versuchen Sie es später erneut.",
  hookUnreachable: "Der user.pre_create-Hook des Projekts war nicht erreichbar ({reason}). Versuchen Sie es später erneut.",
  hookInvalidMutations: "Der user.pre_create-Hook des Projekts hat ungültige Änderungen zurückgegeben (ValidationFailed: {detail}).",
  unknownClientTitle: "Unbekannte Anwendung",
  unknownClientMessage: "Die client_id „{clientId}“ ist in diesem Projekt nicht registriert (emulator/authgear.yaml, oauth.clients).",
  invalidRedirectTitle: "Ungültige Weiterleitungs-URI",
  invalidRedirectMessage:
    "Die redirect_uri „{redirectUri}“ gehört nicht zu den für {clientId} registrierten Weiterleitungs-URIs. Sie muss genau übereinstimmen, einschließlich Pfad und abschließendem Schrägstrich.",
  expiredTitle: "Anmeldung abgelaufen",
  expiredMessage: "Diese Anmeldeanfrage ist abgelaufen oder wurde bereits abgeschlossen. Kehren Sie zur App zurück und melden Sie sich erneut an.",
  httpStatus: "HTTP {status}",
  settingsTitle: "Kontoeinstellungen werden nicht emuliert",
  settingsMessage: "Die Einstellungsseiten von Authgear (AuthUI) gehören nicht zum lokalen Emulator. Bearbeiten Sie Profile stattdessen in der App.",
  signedOutTitle: "Abgemeldet",
  signedOutMessage: "Sie sind abgemeldet.",
  signedOutUnregistered: "Sie sind abgemeldet. „{target}“ ist keine registrierte Weiterleitungs-URI nach der Abmeldung, deshalb bleibt der Emulator auf dieser Seite.",
};

const ja: PageMessages = {
  badge: "エミュレーター",
  footer: "ローカルの Authgear エミュレーターです。実際の Authgear プロジェクトではありません。パスワードやワンタイムコードは求められません。",
  signinHeading: "Gradual にサインイン",
  signupHeading: "Gradual アカウントを作成",
  continueTo: "{client} に進みます",
  emailLabel: "メールアドレス",
  emailHint: "新しいアドレスではアカウントが作成され、登録済みのアドレスではサインインします。",
  ipLabel: "シミュレーションする IP アドレス（任意）",
  ipHint: "デモ用です。フックはこの IPv4 または IPv6 アドレスをサインイン元の IP として受け取ります（例：81.2.69.160）。",
  continue: "続ける",
  cancel: "キャンセル",
  emailRequired: "メールアドレスを入力してください。",
  emailInvalid: "有効なメールアドレスを入力してください（例：ada@example.com）。",
  ipInvalid: "有効な IPv4 または IPv6 アドレスを入力するか（例：81.2.69.160、2001:db8::1）、空欄のままにしてください。",
  accountDisabledTitle: "アカウントは無効です",
  accountDisabledMessage: "このアカウントは無効になっています。",
  signupDeniedTitle: "登録は許可されていません",
  signupDeniedMessage: "プロジェクトがこの登録を拒否しました。",
  signupFailedTitle: "登録できませんでした",
  hookTimeout: "プロジェクトの user.pre_create フックが時間内に応答しませんでした（{reason}）。しばらくしてからもう一度お試しください。",
  hookInvalidResponse: "プロジェクトの user.pre_create フックが無効な応答を返しました（{reason}）。しばらくしてからもう一度お試しください。",
  hookUnreachable: "プロジェクトの user.pre_create フックに接続できませんでした（{reason}）。しばらくしてからもう一度お試しください。",
  hookInvalidMutations: "プロジェクトの user.pre_create フックが無効な変更を返しました（ValidationFailed: {detail}）。",
  unknownClientTitle: "不明なアプリケーションです",
  unknownClientMessage: "client_id「{clientId}」はこのプロジェクトに登録されていません（emulator/authgear.yaml の oauth.clients）。",
  invalidRedirectTitle: "リダイレクト URI が無効です",
  invalidRedirectMessage:
    "redirect_uri「{redirectUri}」は {clientId} に登録されたリダイレクト URI ではありません。パスや末尾のスラッシュを含め、完全に一致している必要があります。",
  expiredTitle: "サインインの有効期限が切れました",
  expiredMessage: "このサインイン要求は期限切れか、すでに完了しています。アプリに戻って、もう一度サインインしてください。",
  httpStatus: "HTTP {status}",
  settingsTitle: "アカウント設定はエミュレートされません",
  settingsMessage: "Authgear の設定ページ（AuthUI）はローカルエミュレーターに含まれていません。プロフィールはアプリで編集してください。",
  signedOutTitle: "サインアウトしました",
  signedOutMessage: "サインアウトしました。",
  signedOutUnregistered: "サインアウトしました。「{target}」は登録済みのサインアウト後リダイレクト URI ではないため、エミュレーターはこのページにとどまります。",
};

const zhHK: PageMessages = {
  badge: "模擬器",
  footer: "本機 Authgear 模擬器，並非真正的 Authgear 項目。不會要求輸入密碼或一次性驗證碼。",
  signinHeading: "登入 Gradual",
  signupHeading: "建立你的 Gradual 帳戶",
  continueTo: "以繼續使用 {client}",
  emailLabel: "電郵地址",
  emailHint: "輸入新地址會建立帳戶；輸入已登記的地址則會登入。",
  ipLabel: "模擬 IP 位址（選填）",
  ipHint: "供示範之用：鈎子會把這個 IPv4 或 IPv6 位址當作登入的 IP，例如 81.2.69.160。",
  continue: "繼續",
  cancel: "取消",
  emailRequired: "請輸入你的電郵地址。",
  emailInvalid: "請輸入有效的電郵地址，例如 ada@example.com。",
  ipInvalid: "請輸入有效的 IPv4 或 IPv6 位址（例如 81.2.69.160 或 2001:db8::1），或者留空。",
  accountDisabledTitle: "帳戶已停用",
  accountDisabledMessage: "此帳戶已停用。",
  signupDeniedTitle: "不允許註冊",
  signupDeniedMessage: "項目拒絕了這次註冊。",
  signupFailedTitle: "註冊失敗",
  hookTimeout: "項目的 user.pre_create 鈎子未能及時回應（{reason}）。請稍後再試。",
  hookInvalidResponse: "項目的 user.pre_create 鈎子傳回了無效的回應（{reason}）。請稍後再試。",
  hookUnreachable: "無法連接項目的 user.pre_create 鈎子（{reason}）。請稍後再試。",
  hookInvalidMutations: "項目的 user.pre_create 鈎子傳回了無效的修改（ValidationFailed: {detail}）。",
  unknownClientTitle: "不明的應用程式",
  unknownClientMessage: "client_id「{clientId}」並未在此項目登記（emulator/authgear.yaml 的 oauth.clients）。",
  invalidRedirectTitle: "重新導向 URI 無效",
  invalidRedirectMessage: "redirect_uri「{redirectUri}」不是為 {clientId} 登記的重新導向 URI。它必須完全相符，包括路徑和結尾的斜線。",
  expiredTitle: "登入已逾時",
  expiredMessage: "這個登入要求已逾時或已經完成。請返回應用程式再次登入。",
  httpStatus: "HTTP {status}",
  settingsTitle: "帳戶設定不在模擬範圍內",
  settingsMessage: "Authgear 的設定頁面（AuthUI）不包括在本機模擬器之內。請改為在應用程式中編輯個人資料。",
  signedOutTitle: "已登出",
  signedOutMessage: "你已登出。",
  signedOutUnregistered: "你已登出。「{target}」不是已登記的登出後重新導向 URI，所以模擬器會停留在此頁。",
};

const ar: PageMessages = {
  badge: "محاكي",
  footer: "محاكي Authgear محلي، وليس مشروع Authgear حقيقيًا. لا تُطلب كلمة مرور ولا رمز لمرة واحدة.",
  signinHeading: "تسجيل الدخول إلى Gradual",
  signupHeading: "إنشاء حسابك في Gradual",
  continueTo: "للمتابعة إلى {client}",
  emailLabel: "البريد الإلكتروني",
  emailHint: "العنوان الجديد يُنشئ حسابًا، والعنوان المعروف يسجّل الدخول.",
  ipLabel: "عنوان IP المُحاكى (اختياري)",
  ipHint: "للعروض التوضيحية: ترى الخطافات عنوان IPv4 أو IPv6 هذا على أنه عنوان IP لتسجيل الدخول، مثل 81.2.69.160.",
  continue: "متابعة",
  cancel: "إلغاء",
  emailRequired: "أدخل عنوان بريدك الإلكتروني.",
  emailInvalid: "أدخل عنوان بريد إلكتروني صالحًا، مثل ada@example.com.",
  ipInvalid: "أدخل عنوان IPv4 أو IPv6 صالحًا (مثل 81.2.69.160 أو 2001:db8::1)، أو اترك الحقل فارغًا.",
  accountDisabledTitle: "الحساب معطّل",
  accountDisabledMessage: "هذا الحساب معطّل.",
  signupDeniedTitle: "التسجيل غير مسموح به",
  signupDeniedMessage: "رفض المشروع عملية التسجيل هذه.",
  signupFailedTitle: "تعذّر التسجيل",
  hookTimeout: "لم يستجب خطاف user.pre_create الخاص بالمشروع في الوقت المحدد ({reason}). حاول مرة أخرى لاحقًا.",
  hookInvalidResponse: "أعاد خطاف user.pre_create الخاص بالمشروع استجابة غير صالحة ({reason}). حاول مرة أخرى لاحقًا.",
  hookUnreachable: "تعذّر الوصول إلى خطاف user.pre_create الخاص بالمشروع ({reason}). حاول مرة أخرى لاحقًا.",
  hookInvalidMutations: "أعاد خطاف user.pre_create الخاص بالمشروع تعديلات غير صالحة (ValidationFailed: {detail}).",
  unknownClientTitle: "تطبيق غير معروف",
  unknownClientMessage: "المعرّف client_id ‏\"{clientId}\" غير مسجّل في هذا المشروع (emulator/authgear.yaml، ‏oauth.clients).",
  invalidRedirectTitle: "عنوان URI لإعادة التوجيه غير صالح",
  invalidRedirectMessage:
    "العنوان redirect_uri ‏\"{redirectUri}\" ليس من عناوين إعادة التوجيه المسجّلة لـ {clientId}. يجب أن يتطابق تمامًا، بما في ذلك المسار وأي شرطة مائلة في النهاية.",
  expiredTitle: "انتهت صلاحية تسجيل الدخول",
  expiredMessage: "انتهت صلاحية طلب تسجيل الدخول هذا أو اكتمل بالفعل. ارجع إلى التطبيق وسجّل الدخول مرة أخرى.",
  httpStatus: "HTTP {status}",
  settingsTitle: "إعدادات الحساب غير مُحاكاة",
  settingsMessage: "صفحات إعدادات Authgear ‏(AuthUI) ليست جزءًا من المحاكي المحلي. عدّل الملفات الشخصية في التطبيق بدلًا من ذلك.",
  signedOutTitle: "تم تسجيل الخروج",
  signedOutMessage: "لقد سجّلت الخروج.",
  signedOutUnregistered: "لقد سجّلت الخروج. العنوان \"{target}\" ليس عنوان URI مسجّلًا لإعادة التوجيه بعد تسجيل الخروج، لذا يبقى المحاكي هنا.",
};

export const PAGE_MESSAGES: Readonly<Record<PageLocale, PageMessages>> = { en, de, ja, "zh-HK": zhHK, ar };

/** The page locale for a resolved project language: itself, its base language, else English. */
export function pageLocale(language: string): PageLocale {
  const exact = PAGE_LOCALES.find((l) => l.toLowerCase() === language.toLowerCase());
  if (exact) return exact;
  const base = language.split("-")[0]?.toLowerCase();
  return PAGE_LOCALES.find((l) => l === base) ?? "en";
}

/** Replaces `{name}` placeholders; unknown names are left as written. */
export function format(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
