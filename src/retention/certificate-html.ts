/** A run's certificate as one self-contained, accessible HTML page. */
import { ACTION_WORDS, runFacts, STATEMENT, type Certificate } from './certificate.ts';

const escape = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const CSS = `body{font-family:Arial,sans-serif;color:#0b0c0c;max-width:960px;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:2rem;margin-bottom:.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:bold}dd{margin:0;word-break:break-all}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left}td.n,th.n{text-align:right}
caption{font-weight:bold;text-align:left;font-size:1.25rem;margin-bottom:.5rem}`;

export function certificateHtml(c: Certificate): string {
  const facts = runFacts(c)
    .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`)
    .join('');
  const rows = c.lines.length
    ? c.lines
        .map(
          (l) =>
            `<tr><td>${escape(l.ruleId ?? '–')}</td><td>${escape(l.recordType)}</td><td>${escape(ACTION_WORDS[l.action])}</td>` +
            `<td class="n">${l.records}</td><td class="n">${l.mentions}</td><td class="n">${l.documents}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="6">Nothing was due.</td></tr>';
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Retention certificate ${escape(c.run.id)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body><main>
<h1>Retention certificate</h1>
<dl>${facts}</dl>
<table><caption>What went</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Record type</th><th scope="col">Action</th><th scope="col" class="n">Records</th><th scope="col" class="n">Mentions</th><th scope="col" class="n">Documents</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row" colspan="3">Disposed of in all</th><td class="n">${c.totals.records}</td><td class="n">${c.totals.mentions}</td><td class="n">${c.totals.documents}</td></tr></tfoot>
</table>
<p>${escape(STATEMENT)}</p>
</main></body></html>
`;
}
