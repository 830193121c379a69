/** Equality statistics as plain text (for a terminal) and as CSV (for a spreadsheet): counts only. */
import type { EqualityStatistics } from './equality.ts';

const LEFT_OUT_WORDS: Record<keyof EqualityStatistics['leftOut'], string> = {
  restricted: 'restricted (Art. 18)',
  objected: 'objected (Art. 21)',
  'no-consent': 'no consent in force (Art. 7)',
  refused: 'outside your access',
};

/** "3 left out: 2 restricted (Art. 18), 1 objected (Art. 21)", or "0 left out". */
export function leftOutLine(s: EqualityStatistics): string {
  const parts = Object.entries(s.leftOut)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${LEFT_OUT_WORDS[why as keyof typeof LEFT_OUT_WORDS]}`);
  return `${s.leftOutTotal} left out${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function statisticsText(s: EqualityStatistics): string {
  const lines = [
    `${s.recordTypeName}: ${s.people.text} people counted; ${leftOutLine(s)}`,
    `Counts below ${s.k} are shown as "fewer than ${s.k}"; "not shown" hides a cell that would give one away.`,
  ];
  for (const t of s.tables) {
    const width = Math.max(...t.cells.map((c) => c.label.length), 'Total shown'.length);
    lines.push('', t.label);
    for (const c of t.cells) lines.push(`  ${c.label.padEnd(width)}  ${c.text}`);
    lines.push(`  ${'Total shown'.padEnd(width)}  ${t.totalShown}`);
  }
  return `${lines.join('\n')}\n`;
}

const csvCell = (v: string | number) => {
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per answer: question, answer, count (blank when suppressed), shown as, then the totals. */
export function statisticsCsv(s: EqualityStatistics): string {
  const rows: (string | number)[][] = [['question', 'answer', 'count', 'shown as']];
  for (const t of s.tables) {
    for (const c of t.cells) rows.push([t.field, c.value, c.count ?? '', c.text]);
    rows.push([t.field, 'total-shown', t.totalShown, String(t.totalShown)]);
  }
  rows.push(['', 'people-counted', s.people.rounded ?? '', s.people.text]);
  rows.push(['', 'left-out', s.leftOutTotal, leftOutLine(s)]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
