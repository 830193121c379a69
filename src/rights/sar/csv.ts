/**
 * The pack as CSV, RFC 4180, safe to open in a spreadsheet: one row per field of the person's details
 * and records, one per consent event and one per fact about each disclosure.
 */
import type { PackField, SarPack } from './types.ts';

const HEADER = [
  'section',
  'record_id',
  'record_type',
  'created_at',
  'part',
  'field',
  'label',
  'value',
  'redactions',
] as const;

/** A leading =, +, -, @, tab or CR makes a spreadsheet run the cell as a formula: quote it off. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV cell: quoted when it holds a comma, quote or line break, quotes doubled (RFC 4180). */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : neutralise(typeof value === 'string' ? value : JSON.stringify(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');

export function packCsv(pack: SarPack): string {
  const lines = [row(HEADER)];
  const add = (section: string, id: string, type: string, at: string, part: string, f: PackField) =>
    lines.push(row([section, id, type, at, part, f.name, f.label, f.value, f.redactions]));
  for (const f of pack.details) add('details', pack.personId, 'person', '', '', f);
  for (const r of pack.records)
    for (const f of r.fields) add(r.source, r.id, r.recordType, r.createdAt, r.parts.join(' '), f);
  // Consents: one row per event, the consent's id standing as the record id.
  for (const c of pack.consents)
    for (const e of c.events)
      lines.push(
        row([
          'consent',
          c.id,
          c.activityId,
          e.at,
          e.expressedBy,
          'consent',
          c.activityName,
          `${e.state} (${e.channel}, ${e.method}${e.noticeVersion ? `, notice ${e.noticeVersion}` : ''})`,
          0,
        ]),
      );
  // Disclosures: one row per fact about each one.
  for (const d of pack.disclosures) {
    const facts: [string, string, unknown][] = [
      ['recipient', 'Shared with', d.recipient],
      ['basis', 'Why', `${d.basisLabel} (${d.law})`],
      ['activity', 'For', d.activity],
      ['categories', 'Kinds of information', d.categories.join('; ')],
      ['reference', 'Reference', d.reference],
      ['description', 'Description', d.description],
    ];
    for (const [name, label, value] of facts)
      if (value !== null && value !== '')
        lines.push(row(['disclosure', d.id, d.kind, d.disclosedOn, d.recipientKind, name, label, value, 0]));
  }
  return lines.join('\r\n') + '\r\n';
}
