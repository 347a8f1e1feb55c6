/**
 * Gradual's question catalog: the Authgear custom attributes this app asks for, one or two per visit.
 *
 * Edit this file to change what is asked. The questions stay in the order Authgear lists the
 * attributes; `priority` decides the asking order. After a change, run `npm run authgear:config`
 * and paste its output into your Authgear project (Portal → Advanced → Edit Config, authgear.yaml
 * `user_profile.custom_attributes`), and into emulator/authgear.yaml for local development.
 *
 * Imported by client components as well as the server: keep it free of server-only code.
 */
import { defineProfileCatalog } from "@gradual/kit/catalog";

export const profileCatalog = defineProfileCatalog({
  perLogin: 2,
  cooldownDays: [1, 7, 30],
  defaultLocale: "en",
  questions: [
    {
      attribute: "job_title",
      type: "string",
      label: { en: "Job title", de: "Berufsbezeichnung" },
      placeholder: { en: "e.g. Product manager", de: "z. B. Produktmanagerin" },
      purpose: {
        en: "So we can show you the guides that fit your role.",
        de: "Damit wir Ihnen die Anleitungen zeigen, die zu Ihrer Rolle passen.",
      },
      priority: 100,
      autoComplete: "organization-title",
    },
    {
      attribute: "company",
      type: "string",
      label: { en: "Company", de: "Unternehmen" },
      placeholder: { en: "e.g. Acme Ltd", de: "z. B. Muster GmbH" },
      purpose: {
        en: "So colleagues from your company can find each other.",
        de: "Damit Kolleginnen und Kollegen aus Ihrem Unternehmen einander finden.",
      },
      priority: 90,
      autoComplete: "organization",
    },
    {
      attribute: "team_size",
      type: "integer",
      minimum: 1,
      maximum: 100000,
      label: { en: "Team size", de: "Teamgröße" },
      help: { en: "The number of people in your team, including you.", de: "Anzahl der Personen in Ihrem Team, Sie eingeschlossen." },
      placeholder: { en: "e.g. 12", de: "z. B. 12" },
      purpose: {
        en: "So we suggest a plan that fits your team.",
        de: "Damit wir Ihnen einen Tarif vorschlagen, der zu Ihrem Team passt.",
      },
      priority: 70,
      when: { known: ["company"] },
    },
    {
      attribute: "industry",
      type: "enum",
      options: [
        { value: "software", label: { en: "Software", de: "Software" } },
        { value: "finance", label: { en: "Finance", de: "Finanzwesen" } },
        { value: "healthcare", label: { en: "Healthcare", de: "Gesundheitswesen" } },
        { value: "education", label: { en: "Education", de: "Bildung" } },
        { value: "retail", label: { en: "Retail", de: "Einzelhandel" } },
        { value: "manufacturing", label: { en: "Manufacturing", de: "Industrie und Fertigung" } },
        { value: "public_sector", label: { en: "Public sector", de: "Öffentlicher Sektor" } },
        { value: "other", label: { en: "Other", de: "Sonstiges" } },
      ],
      label: { en: "Industry", de: "Branche" },
      purpose: {
        en: "So the examples we show come from your field.",
        de: "Damit unsere Beispiele aus Ihrer Branche stammen.",
      },
      priority: 80,
    },
    {
      attribute: "years_experience",
      type: "number",
      minimum: 0,
      maximum: 80,
      label: { en: "Years of experience", de: "Berufserfahrung in Jahren" },
      help: { en: "Half years are fine.", de: "Halbe Jahre sind möglich." },
      placeholder: { en: "e.g. 5", de: "z. B. 5" },
      purpose: {
        en: "So we pitch our tips at the right level.",
        de: "Damit unsere Tipps zu Ihrer Erfahrung passen.",
      },
      priority: 60,
    },
    {
      attribute: "city",
      type: "string",
      label: { en: "City", de: "Stadt" },
      help: { en: "We suggested this from your connection. Please check it.", de: "Aus Ihrer Verbindung geschätzt. Bitte prüfen." },
      placeholder: { en: "e.g. London", de: "z. B. Berlin" },
      purpose: {
        en: "So we can tell you about events near you.",
        de: "Damit wir Sie über Veranstaltungen in Ihrer Nähe informieren können.",
      },
      priority: 50,
      enrichment: { field: "city", mode: "confirm" },
    },
    {
      attribute: "country",
      type: "alpha2",
      label: { en: "Country", de: "Land" },
      purpose: {
        en: "So prices, dates and legal notices fit where you live.",
        de: "Damit Preise, Datumsangaben und rechtliche Hinweise zu Ihrem Land passen.",
      },
      priority: 40,
      enrichment: { field: "country", mode: "fill" },
    },
    {
      attribute: "timezone",
      type: "string",
      label: { en: "Time zone", de: "Zeitzone" },
      help: { en: "An IANA time zone name, e.g. Europe/London.", de: "Ein IANA-Zeitzonenname, z. B. Europe/Berlin." },
      placeholder: { en: "e.g. Europe/London", de: "z. B. Europe/Berlin" },
      purpose: {
        en: "So our emails reach you during your working hours.",
        de: "Damit unsere E-Mails Sie während Ihrer Arbeitszeit erreichen.",
      },
      priority: 30,
      enrichment: { field: "timezone", mode: "fill" },
    },
    {
      attribute: "work_phone",
      type: "phone_number",
      label: { en: "Work phone", de: "Telefon (geschäftlich)" },
      help: {
        en: "Choose the country, then type the number as you dial it there. A number with + and its country code works too.",
        de: "Wählen Sie das Land und geben Sie die Nummer so ein, wie Sie sie dort wählen. Eine Nummer mit + und Ländervorwahl geht auch.",
      },
      purpose: {
        en: "So our support team can call you back when you ask them to.",
        de: "Damit unser Support Sie auf Wunsch zurückrufen kann.",
      },
      priority: 20,
    },
    {
      attribute: "company_website",
      type: "url",
      label: { en: "Company website", de: "Website des Unternehmens" },
      placeholder: { en: "https://example.com", de: "https://example.de" },
      purpose: {
        en: "So we can link your company's page in the directory.",
        de: "Damit wir die Seite Ihres Unternehmens im Verzeichnis verlinken können.",
      },
      priority: 25,
      when: { known: ["company"] },
    },
    {
      attribute: "billing_email",
      type: "email",
      label: { en: "Billing email", de: "E-Mail für Rechnungen" },
      help: { en: "Invoices go here; it may differ from your sign-in email.", de: "Hierhin gehen Rechnungen; sie kann von Ihrer Anmelde-E-Mail abweichen." },
      placeholder: { en: "billing@example.com", de: "rechnung@example.de" },
      purpose: {
        en: "So invoices reach the right inbox.",
        de: "Damit Rechnungen im richtigen Postfach landen.",
      },
      priority: 10,
    },
  ],
});
