/** CSV as the returns' recipients take it: a header row, CRLF line ends, fields quoted when needed. */

export type Cell = string | number | null | undefined;

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  // A leading =, +, - or @ would run as a formula when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** A UK date for the recipient's file: DD/MM/YYYY. */
export function ukDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Pounds with two decimals, or blank. */
export function pounds(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(2) : '';
}

/** The home's address split at commas into lines (the store keeps it as one line). */
export function addressLines(address: string | null | undefined, lines = 4): string[] {
  const parts = (address ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const head = parts.slice(0, lines - 1);
  const rest = parts.slice(lines - 1).join(', ');
  return [...head, rest, ...Array<string>(lines).fill('')].slice(0, lines);
}

/** Whole years between a date of birth and a day, or null when either is missing. */
export function ageOn(dateOfBirth: unknown, on: string): number | null {
  if (typeof dateOfBirth !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5, 10) < dateOfBirth.slice(5, 10) ? years - 1 : years;
}
