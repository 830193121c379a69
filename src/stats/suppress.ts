/**
 * Small-number suppression for one table of counts, so that no cell lets anyone learn about a
 * handful of identifiable people.
 *
 * - Primary: a count from 1 to k−1 is never shown; the cell says "fewer than k". A true zero is
 *   shown as 0 (it describes no one).
 * - Secondary: if exactly one cell is suppressed, the smallest other non-zero cell is suppressed
 *   too (a zero cell only when there is no other), so the hidden count cannot be worked out by
 *   subtracting the shown cells from a total known elsewhere — for instance from another table of
 *   the same people, whose cells add up to the same number.
 * - Totals: a table's total is shown only as the sum of the cells that are shown, and says so;
 *   the number of people counted is given rounded (roundCount), never exactly, so neither total
 *   can be used to recover a suppressed cell.
 */

export interface Cell {
  value: string;
  count: number;
}

export interface ShownCell {
  value: string;
  /** The count, or null when suppressed (the number is not carried at all). */
  count: number | null;
  /** Why it is hidden: a small number (primary), or to protect one (secondary). */
  suppressed: 'primary' | 'secondary' | null;
}

export interface ShownTable {
  cells: ShownCell[];
  /** The sum of the cells shown (suppressed ones are not in it). */
  totalShown: number;
  suppressedCells: number;
}

export function suppress(cells: readonly Cell[], k: number): ShownTable {
  const state = cells.map((c) => ({
    ...c,
    suppressed: (c.count > 0 && c.count < k ? 'primary' : null) as ShownCell['suppressed'],
  }));
  if (state.filter((c) => c.suppressed).length === 1) {
    const open = state.filter((c) => !c.suppressed).sort((a, b) => a.count - b.count);
    const next = open.find((c) => c.count > 0) ?? open[0];
    if (next) next.suppressed = 'secondary';
  }
  const shown = state.map((c) => ({
    value: c.value,
    count: c.suppressed ? null : c.count,
    suppressed: c.suppressed,
  }));
  return {
    cells: shown,
    totalShown: shown.reduce((sum, c) => sum + (c.count ?? 0), 0),
    suppressedCells: shown.filter((c) => c.suppressed).length,
  };
}

/**
 * A headcount for the page: below k it is "fewer than k"; otherwise rounded to the nearest 5
 * (whole fives stay as they are), so it cannot be set against the shown cells to recover a
 * suppressed one.
 */
export function roundCount(n: number, k: number): { rounded: number | null; text: string } {
  if (n === 0) return { rounded: 0, text: '0' };
  if (n < k) return { rounded: null, text: `fewer than ${k}` };
  const rounded = Math.max(5, Math.round(n / 5) * 5);
  return { rounded, text: `about ${rounded}` };
}
