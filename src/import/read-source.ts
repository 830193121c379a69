/**
 * Reading an export into rows, each with the line it starts on, so every problem can be placed
 * as FILE:LINE. CSV through csv-parse (a quoted field may span lines; the row is placed at its
 * first line), JSON as an array of objects (each placed at its opening brace) or JSON Lines.
 * Every unreadable row is reported, not just the first.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { findUnstorable, UNSTORABLE } from '../records/formats.ts';
import type { CsvOptions, SourceSpec } from './mapping-schema.ts';
import { jsonArrayElements } from './json-elements.ts';
import type { ImportProblem } from './problems.ts';

export interface Row {
  file: string;
  line: number;
  values: Record<string, unknown>;
}

export interface SourceData {
  file: string;
  rows: Row[];
  /** The header's column names (CSV only), to check the mapping's columns against. */
  columns?: string[];
  problems: ImportProblem[];
}

/** The whole file is held in memory (csv-parse's sync API); larger exports should be split. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const CSV_REASONS: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_COLUMNS: 'has a different number of fields from the header',
  CSV_INVALID_CLOSING_QUOTE: 'has a quote inside an unquoted field, or text after a closing quote',
  CSV_QUOTE_NOT_CLOSED: 'opens a quoted field that is never closed',
  CSV_INVALID_COLUMN_MAPPING: 'has an empty or repeated column name in the header',
};

const newlines = (s: unknown) => (typeof s === 'string' ? s.split('\n').length - 1 : 0);

function readCsv(file: string, text: string, options: CsvOptions | undefined): SourceData {
  const o = options ?? { delimiter: ',', quote: '"', header: true };
  const problems: ImportProblem[] = [];
  let columns: string[] | undefined = o.header ? undefined : o.columns;
  if (!o.header && !columns)
    return {
      file,
      rows: [],
      problems: [{ file, reason: 'has no header line, so the mapping must list csv.columns' }],
    };
  const header = (names: string[]) => {
    columns = names.map((n) => n.trim());
    const repeated = columns.filter((n, i) => n !== '' && columns!.indexOf(n) !== i);
    for (const n of new Set(repeated))
      problems.push({ file, line: 1, reason: `names the column "${n}" more than once in the header` });
    return columns;
  };
  const records = parse(text, {
    delimiter: o.delimiter,
    quote: o.quote,
    columns: o.header ? header : columns,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (!error) return;
      const reason = CSV_REASONS[error.code] ?? `cannot be read as CSV (${error.code})`;
      problems.push({ file, line: Number(error.lines), reason });
    },
  }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  if (problems.some((p) => p.line === 1)) return { file, rows: [], columns, problems };
  // info.lines is where the record ends; a quoted field's own line breaks say how far back it began.
  const rows = records.map(({ record, info }) => ({
    file,
    line: info.lines - Object.values(record).reduce((n, v) => n + newlines(v), 0),
    values: record,
  }));
  return { file, rows, columns, problems };
}

function readJsonLines(file: string, text: string): SourceData {
  const rows: Row[] = [];
  const problems: ImportProblem[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      return problems.push({ file, line: i + 1, reason: 'is not valid JSON' });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return problems.push({ file, line: i + 1, reason: 'must be a JSON object' });
    rows.push({ file, line: i + 1, values: value as Record<string, unknown> });
  });
  return { file, rows, problems };
}

function readJson(file: string, text: string): SourceData {
  const { elements, problem } = jsonArrayElements(text);
  const rows: Row[] = [];
  const problems: ImportProblem[] = problem ? [{ file, ...problem }] : [];
  for (const e of elements) {
    let value: unknown;
    try {
      value = JSON.parse(e.text);
    } catch {
      problems.push({ file, line: e.line, reason: 'is not valid JSON' });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      problems.push({ file, line: e.line, reason: 'must be a JSON object' });
    else rows.push({ file, line: e.line, values: value as Record<string, unknown> });
  }
  return { file, rows, problems };
}

/** The file's text; JSON is always UTF-8. A byte the encoding cannot read is an error, not a guess. */
function decode(file: string, spec: SourceSpec): string | ImportProblem {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES)
      return { file, reason: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split the export` };
    bytes = readFileSync(file);
  } catch {
    return { file, reason: 'cannot be read: no such file, or no permission' };
  }
  const encoding = spec.format === 'csv' ? spec.encoding : 'utf-8';
  try {
    // The decoder drops a byte-order mark; line endings become \n so lines count one way.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    return { file, reason: `is not valid ${encoding} text; check the mapping's encoding` };
  }
}

/**
 * Rows holding a NUL character (U+0000) reported and left out: neither engine can store one in
 * every column (formats.ts), and an export only has one when it is broken.
 */
function withoutUnstorable(data: SourceData, csv: boolean): SourceData {
  const rows = data.rows.filter((row) => {
    const at = findUnstorable(row.values);
    if (at)
      data.problems.push({
        file: row.file,
        line: row.line,
        field: at.length ? `${csv ? 'column' : 'field'} "${at.join('.')}"` : undefined,
        reason: UNSTORABLE,
      });
    return !at;
  });
  return { ...data, rows };
}

export function readSource(file: string, spec: SourceSpec): SourceData {
  const text = decode(file, spec);
  if (typeof text !== 'string') return { file, rows: [], problems: [text] };
  if (spec.format === 'csv') return withoutUnstorable(readCsv(file, text, spec.csv), true);
  if (spec.format === 'jsonl') return withoutUnstorable(readJsonLines(file, text), false);
  return withoutUnstorable(readJson(file, text), false);
}
