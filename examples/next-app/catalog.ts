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
        { value: "red", label: { en: "Red" } },
        { value: "green", label: { en: "Green" } },
        { value: "blue", label: { en: "Blue" } },
      ],
      label: { en: "Favourite colour" },
      purpose: { en: "So the app can wear your colour." },
      priority: 100,
    },
    {
      // Not "nickname": Authgear reserves the standard OIDC claim names for itself.
      attribute: "pet_name",
      type: "string",
      label: { en: "Your pet's name" },
      placeholder: { en: "e.g. Biscuit" },
      purpose: { en: "So the app can say hello to them too." },
      priority: 90,
    },
    {
      attribute: "country",
      type: "alpha2",
      label: { en: "Country" },
      purpose: { en: "So dates and prices fit where you live." },
      priority: 10,
      enrichment: { field: "country", mode: "fill" },
    },
  ],
});
