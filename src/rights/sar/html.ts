/** The pack's cover letter and index: one self-contained, accessible HTML page in GOV.UK style. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { accessNote, summariseAccesses } from './accesses.ts';
import { consentWords, coverLetter, displayValue, recordDate, requesterName } from './letter.ts';
import { documentPath } from './paths.ts';
import { dayWords, labelWords, newestFirst, partsWords, valueWords } from './present.ts';
import type { PackField, PackRecord, SarPack } from './types.ts';

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

const rows = (fields: readonly PackField[]) => fields.map((f) => [labelWords(f, f.label), displayValue(f)]);

function presentRecords(records: readonly PackRecord[]) {
  return newestFirst(records, recordDate).map((r) => ({
    ...r,
    date: dayWords(recordDate(r)),
    parts: partsWords(r.parts),
    rows: rows(r.fields),
  }));
}

export function packHtml(pack: SarPack): string {
  const accesses = summariseAccesses(pack.accesses);
  return env.render('cover.njk', {
    css: govukCss(),
    pack,
    today: dayWords(pack.today),
    letter: coverLetter(pack),
    name: requesterName(pack),
    details: rows(pack.details),
    own: presentRecords(pack.records.filter((r) => r.source === 'own')),
    mentions: presentRecords(pack.records.filter((r) => r.source === 'mention')),
    documents: pack.documents.map((d) => ({
      ...d,
      kind: valueWords(d.kind),
      date: dayWords(d.createdAt),
      path: documentPath(d),
    })),
    accesses,
    accessNote: accessNote(accesses),
    consents: pack.consents.map((c) => ({ ...c, ...consentWords(c) })),
    disclosures: pack.disclosures.map((d) => ({ ...d, date: dayWords(d.disclosedOn) })),
  });
}
