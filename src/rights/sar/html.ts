/** The pack's cover letter and index: one self-contained, accessible HTML page in GOV.UK style. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
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

function display(f: PackField): string {
  if (f.value === null || f.value === undefined || f.value === '') return '—';
  if (typeof f.value === 'boolean') return f.value ? 'Yes' : 'No';
  return typeof f.value === 'string' ? f.value : JSON.stringify(f.value);
}

const dateOnly = (iso: string): string => iso.slice(0, 10);

export function packHtml(pack: SarPack): string {
  const name = ['givenName', 'familyName']
    .map((n) => pack.details.find((f) => f.name === n)?.value)
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' ');
  const rows = (fields: PackField[]) => fields.map((f) => [f.label, display(f)]);
  const own = pack.records.filter((r) => r.source === 'own');
  const mentions = pack.records.filter((r) => r.source === 'mention');
  const byReason = new Map<string, number>();
  for (const r of pack.redactions) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  return env.render('cover.njk', {
    css: govukCss(),
    pack,
    name: name || 'the requester',
    details: rows(pack.details),
    own: own.map((r) => ({ ...r, date: dateOnly(r.createdAt), rows: rows(r.fields) })),
    mentions: mentions.map((r) => ({ ...r, date: dateOnly(r.createdAt), rows: rows(r.fields) })),
    documents: pack.documents.map((d) => ({ ...d, date: dateOnly(d.createdAt) })),
    accesses: pack.accesses.map((a) => ({ ...a, date: dateOnly(a.at) })),
    redactionReasons: [...byReason],
    withheldTotal: pack.withheld.records + pack.withheld.mentions + pack.withheld.documents,
  });
}
