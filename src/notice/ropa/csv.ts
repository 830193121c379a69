/**
 * The record of processing as RFC 4180 CSV: the controller block, a blank record, the header
 * row, then one record per activity. Every record has the same number of fields, as the RFC asks.
 */
import type { Manifest } from '../../manifest/schema.ts';
import { ROPA_COLUMNS, rowCells } from './columns.ts';
import { CONTROLLER_BLOCK_HEADINGS, contactCells, controllerBlock } from './controller.ts';
import type { RopaOptions } from './breaches.ts';
import { ropaRows } from './rows.ts';

const CRLF = '\r\n';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab or carriage return) as a formula,
 * so a manifest value could make Excel run a command when the DPO opens the file. A leading
 * single quote makes the spreadsheet show the text as text (OWASP "CSV injection").
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One field: quoted when it holds a comma, a quote or a line break; quotes inside doubled. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRecord(fields: readonly string[], width: number): string {
  const padded = [...fields, ...Array<string>(Math.max(0, width - fields.length)).fill('')];
  return padded.map(csvField).join(',');
}

export interface CsvOptions extends RopaOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read non-ASCII text correctly. */
  bom?: boolean;
}

export function ropaCsv(manifest: Manifest, options: CsvOptions = {}): string {
  const width = ROPA_COLUMNS.length;
  const records = [
    CONTROLLER_BLOCK_HEADINGS,
    ...controllerBlock(manifest).map(contactCells),
    [],
    ROPA_COLUMNS,
    ...ropaRows(manifest, options).map(rowCells),
  ].map((fields) => csvRecord(fields, width));
  return (options.bom ? '\uFEFF' : '') + records.join(CRLF) + CRLF;
}
