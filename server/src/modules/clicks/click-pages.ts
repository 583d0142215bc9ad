import type { ServerResponse } from 'node:http';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../platform/http/errors.js';

/** Tiny self-contained pages for the redirect's refusals: no scripts, no styles, nothing to load. */
const PAGES = {
  400: {
    title: 'Tento odkaz nevede do obchodu · This link does not lead to the shop',
    body: 'Odkaz míří mimo stránky obchodu, proto jsme vás nepřesměrovali. · The link points outside the shop, so we did not redirect you.',
  },
  403: {
    title: 'Přesměrování jen po kliknutí · Redirects only after a click',
    body: 'Do obchodu vás pošleme, jen když na odkaz kliknete. · We only send you to the shop when you click the link yourself.',
  },
  503: {
    title: 'Zkuste to prosím znovu · Please try again',
    body: 'Návštěvu obchodu se nepodařilo zaznamenat, a bez ní by se nákup nezapočítal. · We could not record your visit, and without it the purchase would not count.',
  },
} as const;

export function sendClickPage(res: ServerResponse, status: keyof typeof PAGES): void {
  const page = PAGES[status];
  const html =
    `<!doctype html><html lang="cs"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${page.title}</title></head><body><main><h1>${page.title}</h1><p>${page.body}</p>` +
    `<p><a href="/">Vratka</a></p></main></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy':
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // 503: the click could not be recorded (the database is unavailable); the link works again soon.
    ...(status === 503 ? { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : {}),
  });
  res.end(html);
}
