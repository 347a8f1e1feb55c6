/**
 * The emulator's sign-in / sign-up page and its error page: plain, accessible HTML with inline CSS
 * and no scripts or external assets. Errors are announced in role="alert" elements; each input is
 * labelled and points at its error with aria-describedby. Every word comes from login-messages.ts
 * in the page's locale; `<html lang dir>` says which (dir="rtl" for Arabic, the layout mirrors
 * itself: the CSS has no left/right).
 */
import { format, PAGE_MESSAGES, type PageLocale, type PageMessages } from "./login-messages";

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:12px}
h1{font-size:1.5rem;margin:0 0 .25rem}
.sub{margin:0 0 1.5rem;color:#57606a}
.badge{display:inline-block;margin-bottom:1rem;padding:.1rem .5rem;border-radius:999px;background:#fff8c5;color:#4d2d00;font-size:.8rem;border:1px solid #d4a72c}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #8c959f;border-radius:6px}
input:focus-visible,button:focus-visible{outline:3px solid #0969da;outline-offset:2px}
input[aria-invalid=true]{border-color:#cf222e}
.hint{margin:.25rem 0 0;font-size:.875rem;color:#57606a}
.field-error{margin:.25rem 0 0;font-size:.875rem;color:#cf222e}
.alert{margin:0 0 1rem;padding:.75rem 1rem;border:1px solid #cf222e;border-radius:6px;background:#ffebe9;color:#82071e}
.alert strong{display:block}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{padding:.6rem 1.25rem;font:inherit;font-weight:600;border-radius:6px;border:1px solid #8c959f;background:#f6f8fa;color:#1f2328;cursor:pointer}
button.primary{background:#1f883d;border-color:#1a7f37;color:#fff}
footer{margin-top:1.5rem;font-size:.8rem;color:#57606a}
`;

function layout(locale: PageLocale, title: string, body: string): string {
  const dir = locale === "ar" ? "rtl" : "ltr";
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<footer>${escapeHtml(PAGE_MESSAGES[locale].footer)}</footer>
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  /** The page's language, resolved at the authorize request and kept with the transaction. */
  locale: PageLocale;
  mode: "signin" | "signup";
  /** The pending authorization this form completes. */
  transactionId: string;
  clientName: string;
  email?: string;
  simulatedIp?: string;
  /** Field-level problems, as message keys. */
  emailError?: "emailRequired" | "emailInvalid";
  ipError?: "ipInvalid";
  /** A page-level problem, e.g. a hook's denial (title + reason). */
  alert?: { title: string; message: string };
}

export function loginPage(input: LoginPageInput): string {
  const m: PageMessages = PAGE_MESSAGES[input.locale];
  const heading = input.mode === "signup" ? m.signupHeading : m.signinHeading;
  const emailDescribedBy = ["email-hint", input.emailError ? "email-error" : ""].filter(Boolean).join(" ");
  const ipDescribedBy = ["ip-hint", input.ipError ? "ip-error" : ""].filter(Boolean).join(" ");
  const alert = input.alert
    ? `<div class="alert" role="alert"><strong>${escapeHtml(input.alert.title)}</strong>${escapeHtml(input.alert.message)}</div>`
    : "";
  return layout(
    input.locale,
    heading,
    `<span class="badge">${escapeHtml(m.badge)}</span>
<h1>${escapeHtml(heading)}</h1>
<p class="sub">${escapeHtml(format(m.continueTo, { client: input.clientName }))}</p>
${alert}
<form method="post" action="/oauth2/authorize" novalidate>
<input type="hidden" name="tx" value="${escapeHtml(input.transactionId)}">
<label for="email">${escapeHtml(m.emailLabel)}</label>
<input id="email" name="email" type="email" dir="ltr" autocomplete="email" required value="${escapeHtml(input.email ?? "")}"
 aria-describedby="${emailDescribedBy}"${input.emailError ? ' aria-invalid="true"' : ""}>
<p class="hint" id="email-hint">${escapeHtml(m.emailHint)}</p>
${input.emailError ? `<p class="field-error" id="email-error" role="alert">${escapeHtml(m[input.emailError])}</p>` : ""}
<label for="simulated-ip">${escapeHtml(m.ipLabel)}</label>
<input id="simulated-ip" name="simulated_ip" type="text" dir="ltr" inputmode="text" autocomplete="off" spellcheck="false" value="${escapeHtml(input.simulatedIp ?? "")}"
 aria-describedby="${ipDescribedBy}"${input.ipError ? ' aria-invalid="true"' : ""}>
<p class="hint" id="ip-hint">${escapeHtml(m.ipHint)}</p>
${input.ipError ? `<p class="field-error" id="ip-error" role="alert">${escapeHtml(m[input.ipError])}</p>` : ""}
<div class="actions">
<button class="primary" type="submit" name="action" value="continue">${escapeHtml(m.continue)}</button>
<button type="submit" name="action" value="cancel">${escapeHtml(m.cancel)}</button>
</div>
</form>`,
  );
}

/** A dead end (bad client, bad redirect URI, expired request): explained, never redirected. */
export function errorPage(locale: PageLocale, title: string, message: string, status: number): string {
  const m = PAGE_MESSAGES[locale];
  return layout(
    locale,
    title,
    `<span class="badge">${escapeHtml(m.badge)}</span>
<h1>${escapeHtml(title)}</h1>
<div class="alert" role="alert">${escapeHtml(message)}</div>
<p class="sub">${escapeHtml(format(m.httpStatus, { status }))}</p>`,
  );
}

/** A plain information page (signed out, settings not emulated). */
export function infoPage(locale: PageLocale, title: string, message: string, link?: { href: string; label: string }): string {
  return layout(
    locale,
    title,
    `<span class="badge">${escapeHtml(PAGE_MESSAGES[locale].badge)}</span>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ""}`,
  );
}
