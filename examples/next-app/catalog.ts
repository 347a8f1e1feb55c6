/**
 * This app's own questions (not Gradual's): two to ask, and the country, which the webhook fills in
 * at sign-up from the request's IP address, so it is asked only when that could not be worked out.
 * authgear.yaml declares the same three custom attributes.
 */
import { defineProfileCatalog } from "@gradual/kit/catalog";

export const catalog = defineProfileCatalog({
  perLogin: 2,
  defaultLocale: "en",
  questions: [
    {
      attribute: "favourite_color",
      type: "enum",
      options: [
        { value: "red", label: { en: "Red", de: "Rot", ja: "赤", "zh-HK": "紅色", ar: "أحمر" } },
        { value: "green", label: { en: "Green", de: "Grün", ja: "緑", "zh-HK": "綠色", ar: "أخضر" } },
        { value: "blue", label: { en: "Blue", de: "Blau", ja: "青", "zh-HK": "藍色", ar: "أزرق" } },
      ],
      label: { en: "Favourite colour", de: "Lieblingsfarbe", ja: "好きな色", "zh-HK": "最喜歡的顏色", ar: "لونك المفضل" },
      purpose: {
        en: "So the app can wear your colour.",
        de: "Damit die App in Ihrer Farbe erscheint.",
        ja: "アプリをあなたの色で表示するためです。",
        "zh-HK": "讓應用程式以你喜歡的顏色顯示。",
        ar: "ليظهر التطبيق بلونك المفضل.",
      },
      priority: 100,
    },
    {
      // Not "nickname": Authgear reserves the standard OIDC claim names for itself.
      attribute: "pet_name",
      type: "string",
      label: { en: "Your pet's name", de: "Name Ihres Haustiers", ja: "ペットの名前", "zh-HK": "你寵物的名字", ar: "اسم حيوانك الأليف" },
      placeholder: { en: "e.g. Biscuit", de: "z. B. Keks", ja: "例：ポチ", "zh-HK": "例如：豆豆", ar: "مثال: بسكويت" },
      purpose: {
        en: "So the app can say hello to them too.",
        de: "Damit die App auch Ihr Haustier begrüßen kann.",
        ja: "アプリがペットにもあいさつできるようにするためです。",
        "zh-HK": "讓應用程式也可以向牠打招呼。",
        ar: "ليتمكن التطبيق من تحيته أيضًا.",
      },
      priority: 90,
    },
    {
      attribute: "country",
      type: "alpha2",
      label: { en: "Country", de: "Land", ja: "国・地域", "zh-HK": "國家／地區", ar: "البلد" },
      purpose: {
        en: "So dates and prices fit where you live.",
        de: "Damit Datumsangaben und Preise zu Ihrem Land passen.",
        ja: "日付や価格をお住まいの地域に合わせるためです。",
        "zh-HK": "讓日期和價格切合你所在的地方。",
        ar: "لتناسب التواريخ والأسعار مكان إقامتك.",
      },
      priority: 10,
      enrichment: { field: "country", mode: "fill" },
    },
  ],
});
