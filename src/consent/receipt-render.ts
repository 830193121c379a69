/** The consent receipt for people: an accessible HTML page in GOV.UK style, and plain text. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { ConsentReceipt } from './receipt.ts';
import { readableReceipt } from './receipt-words.ts';

const here = dirname(fileURLToPath(import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(here, 'templates')), {
  autoescape: true,
  throwOnUndefined: false,
});

let cachedCss: string | undefined;

/** GOV.UK Frontend's CSS inlined, its @font-face dropped so the page stands alone and fetches nothing. */
function govukCss(): string {
  if (cachedCss === undefined) {
    const cssPath = createRequire(import.meta.url).resolve(
      'govuk-frontend/dist/govuk/govuk-frontend.min.css',
    );
    cachedCss = readFileSync(cssPath, 'utf8').replace(/@font-face\{[^}]*\}/g, '');
  }
  return cachedCss;
}

export function receiptHtml(receipt: ConsentReceipt): string {
  return env.render('receipt.njk', { r: readableReceipt(receipt), css: govukCss() });
}

export function receiptText(receipt: ConsentReceipt): string {
  const r = readableReceipt(receipt);
  const lines = [
    r.title,
    '='.repeat(r.title.length),
    r.controller,
    `Prepared on ${r.prepared}. Receipt ${r.reference}.`,
    '',
    r.intro,
  ];
  for (const c of r.consents) {
    lines.push('', c.title, '-'.repeat(c.title.length));
    for (const [key, value] of c.facts) lines.push(`${key}: ${value}`);
    lines.push('', 'What has happened, oldest first:');
    for (const h of c.history) lines.push(`- ${h.date}: ${h.what}. ${h.how}. ${h.who}.`);
  }
  lines.push('', r.contact, r.complain, '');
  return lines.join('\n');
}
