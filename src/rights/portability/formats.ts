/**
 * A portability export as files another service can read: JSON (typed values as held), and CSV,
 * one file per record type with a column per field (RFC 4180, formula-safe), zipped together.
 */
import { strToU8, zipSync } from 'fflate';
import type { Manifest } from '../../manifest/schema.ts';
import { lookup } from '../../manifest/lookup.ts';
import type { PortableData } from '../../records/portability.ts';
import { PERSON_TYPE } from '../../records/store.ts';
import type { PortableType } from './select.ts';

export const FORMAT = 'custos-portability/1';

export function exportJson(manifest: Manifest, data: PortableData, exportedAt: Date): string {
  const types = lookup(manifest).recordTypes;
  return JSON.stringify(
    {
      format: FORMAT,
      controller: { id: manifest.controller.id, name: manifest.controller.name },
      personId: data.personId,
      exportedAt: exportedAt.toISOString(),
      details: data.details,
      records: data.records.map((r) => ({
        id: r.id,
        type: r.recordType,
        typeName: types.get(r.recordType)?.name ?? r.recordType,
        createdAt: r.createdAt.toISOString(),
        fields: r.fields,
      })),
    },
    null,
    2,
  );
}

/** A leading =, +, -, @, tab or CR would make a spreadsheet run a text cell as a formula. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly unknown[]) => cells.map(cell).join(',');

/** One CSV per record type that has data: "person.csv" for the details, then "<type>.csv". */
export function exportCsv(data: PortableData, selection: readonly PortableType[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const { recordType, fields } of selection) {
    if (recordType === PERSON_TYPE) {
      if (Object.keys(data.details).length === 0) continue;
      const shown = fields.filter((f) => f in data.details);
      files.set('person.csv', [line(shown), line(shown.map((f) => data.details[f]))].join('\r\n') + '\r\n');
      continue;
    }
    const rows = data.records.filter((r) => r.recordType === recordType);
    if (rows.length === 0) continue;
    const lines = [line(['id', 'created_at', ...fields])];
    for (const r of rows)
      lines.push(line([r.id, r.createdAt.toISOString(), ...fields.map((f) => r.fields[f])]));
    files.set(`${recordType}.csv`, lines.join('\r\n') + '\r\n');
  }
  return files;
}

export function exportZip(json: string, csv: ReadonlyMap<string, string>, exportedAt: Date): Uint8Array {
  const files: Record<string, Uint8Array> = { 'data.json': strToU8(json) };
  for (const [name, text] of csv) files[`csv/${name}`] = strToU8(text);
  return zipSync(files, { level: 6, mtime: exportedAt });
}
