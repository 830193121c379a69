/**
 * One value from one row: taken from its column (or a constant), passed through the value map,
 * then turned into what the target field holds. An empty cell is an absent value; whether that
 * is allowed is the record type's rule, checked by writeBatch. Problems name the reason only,
 * never the value: the rows are personal data.
 */
import type { RecordField } from '../manifest/schema.ts';
import { readDate, readDateTime, type DateFormat } from './dates.ts';
import type { Row } from './read-source.ts';

/** What a value is for: a record field, or one of the household and tenancy details. */
export interface Target {
  name: string;
  type: RecordField['type'];
  values?: readonly string[];
}

export interface CompiledValue {
  target: Target;
  column?: string;
  constant?: string | number | boolean;
  map?: Record<string, string | number | boolean>;
  date?: DateFormat;
}

export type Read = { value?: unknown; problem?: string };

/** A column's value in a row; for JSON, `a.b` also reaches into nested objects. */
export function cell(row: Row, column: string): unknown {
  if (Object.hasOwn(row.values, column)) return row.values[column];
  if (!column.includes('.')) return undefined;
  let value: unknown = row.values;
  for (const part of column.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The cell as text, trimmed; undefined when empty. */
export function text(row: Row, column: string): string | undefined {
  const raw = cell(row, column);
  if (raw === undefined || raw === null || typeof raw === 'object') return undefined;
  const s = String(raw).trim();
  return s === '' ? undefined : s;
}

function listCodes(map: Record<string, unknown>): string {
  const codes = Object.keys(map);
  return codes.length <= 12 ? codes.join(', ') : `${codes.slice(0, 12).join(', ')}, …`;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function coerce(raw: string | number | boolean, v: CompiledValue): Read {
  const s = String(raw);
  switch (v.target.type) {
    case 'number':
    case 'money': {
      if (typeof raw === 'number') return { value: raw };
      const cleaned = v.target.type === 'money' ? s.replace(/^£/, '').replace(/,/g, '') : s;
      const n = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? Number(cleaned) : NaN;
      if (Number.isFinite(n)) return { value: n };
      return { problem: v.target.type === 'money' ? 'must be an amount in pounds' : 'must be a number' };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const lower = s.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { problem: 'must be true or false (or yes/no, y/n, 1/0)' };
    }
    case 'date':
      return v.date ? readDate(v.date, s) : { problem: 'has no date format in the mapping' };
    case 'datetime':
      return v.date ? readDateTime(v.date, s) : { problem: 'has no date format in the mapping' };
    default:
      return { value: s };
  }
}

export function readValue(v: CompiledValue, row: Row): Read {
  let raw: unknown = v.column === undefined ? v.constant : cell(row, v.column);
  if (typeof raw === 'string') raw = raw.trim();
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw === 'object') return { problem: 'must be a single value, not a list or an object' };
  if (v.map) {
    const code = String(raw);
    if (!Object.hasOwn(v.map, code))
      return { problem: `is not one of the codes the mapping lists (${listCodes(v.map)})` };
    raw = v.map[code];
  }
  return coerce(raw as string | number | boolean, v);
}
