/** The pack's cover letter and index: one self-contained, accessible HTML page in GOV.UK style. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { accessWords, consentWords, coverLetter, displayValue, requesterName } from './letter.ts';
import { documentPath } from './paths.ts';
import type { PackField, SarPack } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(here, 'templates')), {
  autoescape: true,
  throwOnUndefined: false,
});

let cachedCss: string | undefined;

/** GOV.UK Frontend's CSS inlined, its @font-face dropped so nothing is fetched (as the notice). */
function govukCss(): string {
  if (cachedCss === undefined) {
    const require = createRequire(import.meta.url);
    const cssPath = require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css');
    cachedCss = readFileSync(cssPath, 'utf8').replace(/@font-face\{[^}]*\}/g, '');
  }
  return cachedCss;
}

const dateOnly = (iso: string): string => iso.slice(0, 10);

export function packHtml(pack: SarPack): string {
  const rows = (fields: PackField[]) => fields.map((f) => [f.label, displayValue(f.value)]);
  const own = pack.records.filter((r) => r.source === 'own');
  const mentions = pack.records.filter((r) => r.source === 'mention');
  return env.render('cover.njk', {
    css: govukCss(),
    pack,
    letter: coverLetter(pack),
    name: requesterName(pack),
    details: rows(pack.details),
    own: own.map((r) => ({ ...r, date: dateOnly(r.createdAt), rows: rows(r.fields) })),
    mentions: mentions.map((r) => ({ ...r, date: dateOnly(r.createdAt), rows: rows(r.fields) })),
    documents: pack.documents.map((d) => ({ ...d, date: dateOnly(d.createdAt), path: documentPath(d) })),
    accesses: pack.accesses.map((a) => ({ ...a, ...accessWords(a), date: dateOnly(a.at) })),
    consents: pack.consents.map((c) => ({ ...c, ...consentWords(c) })),
    disclosures: pack.disclosures,
  });
}
