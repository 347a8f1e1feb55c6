/**
 * Gradual's question catalog: the Authgear custom attributes this app asks for, one or two per visit.
 *
 * Edit this file to change what is asked. The questions stay in the order Authgear lists the
 * attributes; `priority` decides the asking order. After a change, run `npm run authgear:config`
 * and paste its output into your Authgear project (Portal → Advanced → Edit Config, authgear.yaml
 * `user_profile.custom_attributes`), and into emulator/authgear.yaml for local development.
 *
 * Enrichment (ADR 005): `enrichment` names the provider field a question takes its suggestion from
 * (enrichment.config.ts lists the providers); `confirm` offers it as a one-tap question. Company
 * questions are asked only of work addresses (`when.enriched`), and `thirdPartyConsent` asks the user
 * before a third-party provider (FullContact, People Data Labs, when switched on) looks them up.
 *
 * Imported by client components as well as the server: keep it free of server-only code.
 */
import { defineProfileCatalog } from "@gradual/kit/catalog";

export const profileCatalog = defineProfileCatalog({
  perLogin: 2,
  cooldownDays: [1, 7, 30],
  defaultLocale: "en",
  // The kit's own texts ask for it (prompt.consent*): "May we fill in your work details from public business sources?"
  thirdPartyConsent: {},
  questions: [
    {
      attribute: "job_title",
      type: "string",
      label: { en: "Job title", de: "Berufsbezeichnung", ja: "役職", "zh-HK": "職位", ar: "المسمى الوظيفي" },
      placeholder: { en: "e.g. Product manager", de: "z. B. Produktmanagerin", ja: "例：プロダクトマネージャー", "zh-HK": "例如：產品經理", ar: "مثال: مدير منتجات" },
      purpose: {
        en: "So we can show you the guides that fit your role.",
        de: "Damit wir Ihnen die Anleitungen zeigen, die zu Ihrer Rolle passen.",
        ja: "あなたの役割に合ったガイドをご案内するためです。",
        "zh-HK": "讓我們為你提供切合你職位的指南。",
        ar: "لنعرض عليك الأدلة التي تناسب دورك.",
      },
      priority: 100,
      autoComplete: "organization-title",
      confirm: {
        en: "Is your job title {value}?",
        de: "Ist Ihre Berufsbezeichnung {value}?",
        ja: "役職は{value}でよろしいですか？",
        "zh-HK": "你的職位是{value}嗎？",
        ar: "هل مسمّاك الوظيفي {value}؟",
      },
      enrichment: { field: "job_title", mode: "confirm" },
    },
    {
      attribute: "company",
      type: "string",
      label: { en: "Company", de: "Unternehmen", ja: "会社名", "zh-HK": "公司", ar: "الشركة" },
      placeholder: { en: "e.g. Acme Ltd", de: "z. B. Muster GmbH", ja: "例：株式会社サンプル", "zh-HK": "例如：大同有限公司", ar: "مثال: شركة النجاح المحدودة" },
      purpose: {
        en: "So colleagues from your company can find each other.",
        de: "Damit Kolleginnen und Kollegen aus Ihrem Unternehmen einander finden.",
        ja: "同じ会社の同僚同士が見つけ合えるようにするためです。",
        "zh-HK": "讓同一間公司的同事可以找到彼此。",
        ar: "ليتمكن زملاؤك في شركتك من العثور على بعضكم بعضًا.",
      },
      priority: 90,
      autoComplete: "organization",
      // Only of a work address: a free or disposable one says nothing about an employer.
      when: { enriched: { email_type: ["work"] } },
      confirm: {
        en: "Is your company {value}?",
        de: "Arbeiten Sie bei {value}?",
        ja: "お勤め先は{value}ですか？",
        "zh-HK": "你是否在{value}工作？",
        ar: "هل تعمل في {value}؟",
      },
      enrichment: { field: "company_name", mode: "confirm" },
    },
    {
      attribute: "team_size",
      type: "integer",
      minimum: 1,
      maximum: 100000,
      label: { en: "Team size", de: "Teamgröße", ja: "チームの人数", "zh-HK": "團隊人數", ar: "حجم الفريق" },
      help: { en: "The number of people in your team, including you.", de: "Anzahl der Personen in Ihrem Team, Sie eingeschlossen.", ja: "あなたを含めたチームの人数です。", "zh-HK": "你團隊的人數，包括你自己。", ar: "عدد الأشخاص في فريقك، بمن فيهم أنت." },
      placeholder: { en: "e.g. 12", de: "z. B. 12", ja: "例：12", "zh-HK": "例如：12", ar: "مثال: 12" },
      purpose: {
        en: "So we suggest a plan that fits your team.",
        de: "Damit wir Ihnen einen Tarif vorschlagen, der zu Ihrem Team passt.",
        ja: "チームに合ったプランをご提案するためです。",
        "zh-HK": "讓我們為你建議切合團隊需要的方案。",
        ar: "لنقترح عليك خطة تناسب فريقك.",
      },
      priority: 70,
      when: { known: ["company"] },
    },
    {
      attribute: "industry",
      type: "enum",
      options: [
        { value: "software", label: { en: "Software", de: "Software", ja: "ソフトウェア", "zh-HK": "軟件", ar: "البرمجيات" } },
        { value: "finance", label: { en: "Finance", de: "Finanzwesen", ja: "金融", "zh-HK": "金融", ar: "المالية" } },
        { value: "healthcare", label: { en: "Healthcare", de: "Gesundheitswesen", ja: "医療・ヘルスケア", "zh-HK": "醫療保健", ar: "الرعاية الصحية" } },
        { value: "education", label: { en: "Education", de: "Bildung", ja: "教育", "zh-HK": "教育", ar: "التعليم" } },
        { value: "retail", label: { en: "Retail", de: "Einzelhandel", ja: "小売", "zh-HK": "零售", ar: "تجارة التجزئة" } },
        { value: "manufacturing", label: { en: "Manufacturing", de: "Industrie und Fertigung", ja: "製造", "zh-HK": "製造業", ar: "التصنيع" } },
        { value: "public_sector", label: { en: "Public sector", de: "Öffentlicher Sektor", ja: "公共部門", "zh-HK": "公營機構", ar: "القطاع العام" } },
        { value: "other", label: { en: "Other", de: "Sonstiges", ja: "その他", "zh-HK": "其他", ar: "أخرى" } },
      ],
      label: { en: "Industry", de: "Branche", ja: "業種", "zh-HK": "行業", ar: "القطاع" },
      purpose: {
        en: "So the examples we show come from your field.",
        de: "Damit unsere Beispiele aus Ihrer Branche stammen.",
        ja: "お見せする例をあなたの分野から選ぶためです。",
        "zh-HK": "讓我們展示的例子來自你的行業。",
        ar: "لتكون الأمثلة التي نعرضها من مجالك.",
      },
      priority: 80,
    },
    {
      attribute: "years_experience",
      type: "number",
      minimum: 0,
      maximum: 80,
      label: { en: "Years of experience", de: "Berufserfahrung in Jahren", ja: "経験年数", "zh-HK": "工作經驗（年）", ar: "سنوات الخبرة" },
      help: { en: "Half years are fine.", de: "Halbe Jahre sind möglich.", ja: "半年単位でもかまいません。", "zh-HK": "可以填寫半年，例如 2.5。", ar: "يمكنك إدخال نصف سنة، مثل 2.5." },
      placeholder: { en: "e.g. 5", de: "z. B. 5", ja: "例：5", "zh-HK": "例如：5", ar: "مثال: 5" },
      purpose: {
        en: "So we pitch our tips at the right level.",
        de: "Damit unsere Tipps zu Ihrer Erfahrung passen.",
        ja: "あなたのレベルに合ったヒントをお届けするためです。",
        "zh-HK": "讓我們的建議切合你的經驗。",
        ar: "لتناسب نصائحنا مستوى خبرتك.",
      },
      priority: 60,
    },
    {
      attribute: "city",
      type: "string",
      label: { en: "City", de: "Stadt", ja: "都市", "zh-HK": "城市", ar: "المدينة" },
      help: { en: "We suggested this from your connection. Please check it.", de: "Aus Ihrer Verbindung geschätzt. Bitte prüfen.", ja: "接続元から推測しました。ご確認ください。", "zh-HK": "這是根據你的網絡連線推斷的，請檢查是否正確。", ar: "اقترحنا هذا بناءً على اتصالك. يُرجى التحقق منه." },
      placeholder: { en: "e.g. London", de: "z. B. Berlin", ja: "例：東京", "zh-HK": "例如：香港", ar: "مثال: دبي" },
      purpose: {
        en: "So we can tell you about events near you.",
        de: "Damit wir Sie über Veranstaltungen in Ihrer Nähe informieren können.",
        ja: "お近くのイベントをお知らせするためです。",
        "zh-HK": "讓我們通知你附近的活動。",
        ar: "لنخبرك بالفعاليات القريبة منك.",
      },
      priority: 50,
      confirm: {
        en: "Are you in {value}?",
        de: "Sind Sie in {value}?",
        ja: "{value}にお住まいですか？",
        "zh-HK": "你是否在{value}？",
        ar: "هل أنت في {value}؟",
      },
      enrichment: { field: "city", mode: "confirm" },
    },
    {
      attribute: "country",
      type: "alpha2",
      label: { en: "Country", de: "Land", ja: "国・地域", "zh-HK": "國家／地區", ar: "البلد" },
      purpose: {
        en: "So prices, dates and legal notices fit where you live.",
        de: "Damit Preise, Datumsangaben und rechtliche Hinweise zu Ihrem Land passen.",
        ja: "価格、日付、法的なお知らせをお住まいの地域に合わせるためです。",
        "zh-HK": "讓價格、日期和法律通知切合你所在的地方。",
        ar: "لتناسب الأسعار والتواريخ والإشعارات القانونية مكان إقامتك.",
      },
      priority: 40,
      enrichment: { field: "country", mode: "fill" },
    },
    {
      attribute: "timezone",
      type: "string",
      label: { en: "Time zone", de: "Zeitzone", ja: "タイムゾーン", "zh-HK": "時區", ar: "المنطقة الزمنية" },
      help: { en: "An IANA time zone name, e.g. Europe/London.", de: "Ein IANA-Zeitzonenname, z. B. Europe/Berlin.", ja: "IANA のタイムゾーン名です（例：Asia/Tokyo）。", "zh-HK": "IANA 時區名稱，例如 Asia/Hong_Kong。", ar: "اسم منطقة زمنية وفق IANA، مثل Asia/Dubai." },
      placeholder: { en: "e.g. Europe/London", de: "z. B. Europe/Berlin", ja: "例：Asia/Tokyo", "zh-HK": "例如：Asia/Hong_Kong", ar: "مثال: Asia/Dubai" },
      purpose: {
        en: "So our emails reach you during your working hours.",
        de: "Damit unsere E-Mails Sie während Ihrer Arbeitszeit erreichen.",
        ja: "勤務時間内にメールが届くようにするためです。",
        "zh-HK": "讓我們的電郵在你的工作時間內送達。",
        ar: "لتصلك رسائلنا الإلكترونية خلال ساعات عملك.",
      },
      priority: 30,
      enrichment: { field: "timezone", mode: "fill" },
    },
    {
      attribute: "work_phone",
      type: "phone_number",
      label: { en: "Work phone", de: "Telefon (geschäftlich)", ja: "勤務先の電話番号", "zh-HK": "公司電話", ar: "هاتف العمل" },
      help: {
        en: "Choose the country, then type the number as you dial it there. A number with + and its country code works too.",
        de: "Wählen Sie das Land und geben Sie die Nummer so ein, wie Sie sie dort wählen. Eine Nummer mit + und Ländervorwahl geht auch.",
        ja: "国・地域を選んでから、その国でかけるときの形で番号を入力してください。+ と国番号から始まる番号も使えます。",
        "zh-HK": "先選擇國家／地區，再按當地的撥號方式輸入號碼。亦可輸入以 + 和國家代碼開頭的號碼。",
        ar: "اختر البلد، ثم اكتب الرقم كما تطلبه هناك. يمكنك أيضًا كتابة الرقم مسبوقًا بـ + ورمز البلد.",
      },
      purpose: {
        en: "So our support team can call you back when you ask them to.",
        de: "Damit unser Support Sie auf Wunsch zurückrufen kann.",
        ja: "ご希望の際にサポートチームから折り返しお電話するためです。",
        "zh-HK": "讓我們的支援團隊可以應你要求回電。",
        ar: "ليتمكن فريق الدعم من معاودة الاتصال بك عندما تطلب ذلك.",
      },
      priority: 20,
    },
    {
      attribute: "company_website",
      type: "url",
      label: { en: "Company website", de: "Website des Unternehmens", ja: "会社のウェブサイト", "zh-HK": "公司網站", ar: "الموقع الإلكتروني للشركة" },
      placeholder: { en: "https://example.com", de: "https://example.de", ja: "https://example.jp", "zh-HK": "https://example.com.hk", ar: "https://example.com" },
      purpose: {
        en: "So we can link your company's page in the directory.",
        de: "Damit wir die Seite Ihres Unternehmens im Verzeichnis verlinken können.",
        ja: "ディレクトリに御社のページへのリンクを掲載するためです。",
        "zh-HK": "讓我們在名錄中連結到你公司的網頁。",
        ar: "لنضع رابط صفحة شركتك في الدليل.",
      },
      priority: 25,
      when: { known: ["company"] },
      confirm: {
        en: "Is your company's website {value}?",
        de: "Ist {value} die Website Ihres Unternehmens?",
        ja: "会社のウェブサイトは{value}ですか？",
        "zh-HK": "你公司的網站是{value}嗎？",
        ar: "هل الموقع الإلكتروني لشركتك هو {value}؟",
      },
      enrichment: { field: "company_website", mode: "confirm" },
    },
    {
      attribute: "billing_email",
      type: "email",
      label: { en: "Billing email", de: "E-Mail für Rechnungen", ja: "請求書送付先のメールアドレス", "zh-HK": "賬單電郵", ar: "البريد الإلكتروني للفواتير" },
      help: { en: "Invoices go here; it may differ from your sign-in email.", de: "Hierhin gehen Rechnungen; sie kann von Ihrer Anmelde-E-Mail abweichen.", ja: "請求書はこちらに送られます。サインインに使うメールアドレスと異なっていてもかまいません。", "zh-HK": "發票會寄到這個電郵地址，可以與你的登入電郵不同。", ar: "تُرسل الفواتير إلى هذا العنوان، ويمكن أن يختلف عن بريدك الإلكتروني لتسجيل الدخول." },
      placeholder: { en: "billing@example.com", de: "rechnung@example.de", ja: "billing@example.jp", "zh-HK": "billing@example.com.hk", ar: "billing@example.com" },
      purpose: {
        en: "So invoices reach the right inbox.",
        de: "Damit Rechnungen im richtigen Postfach landen.",
        ja: "請求書が正しい受信箱に届くようにするためです。",
        "zh-HK": "確保發票寄到正確的郵箱。",
        ar: "لتصل الفواتير إلى صندوق البريد الصحيح.",
      },
      priority: 10,
    },
  ],
});
