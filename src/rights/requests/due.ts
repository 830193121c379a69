/**
 * The request's deadline, always from the clock and the stored dates. A clarification still awaited
 * is counted as if answered today: the clock is stopped, so the deadline moves on day by day until
 * the answer comes (the lists leave such requests out; see RUNNING_STATUSES).
 */
import { InputError } from '../../records/errors.ts';
import { ClockError, dueDate, type ClockInput, type DueDate, type IsoDate } from '../clock/index.ts';
import type { ClarificationRow, RequestRow } from './rows.ts';

/** Reasons are sealed; the clock only needs to know some were given, which the transition checked. */
export const REASONS_RECORDED = 'reasons recorded (sealed)';

export function clockInput(
  row: Pick<
    RequestRow,
    | 'received_on'
    | 'jurisdiction'
    | 'id_received_on'
    | 'authority_received_on'
    | 'extension_told_on'
    | 'extension_months'
  >,
  clarifications: readonly Pick<ClarificationRow, 'asked_on' | 'answered_on'>[],
  today: IsoDate,
  reasons: string = REASONS_RECORDED,
): ClockInput {
  return {
    received: row.received_on,
    jurisdiction: row.jurisdiction,
    idReceived: row.id_received_on,
    authorityReceived: row.authority_received_on,
    clarification: clarifications.map((c) => ({ asked: c.asked_on, answered: c.answered_on ?? today })),
    extension:
      row.extension_told_on && row.extension_months
        ? { toldOn: row.extension_told_on, months: row.extension_months as 1 | 2, reasons }
        : null,
  };
}

export function computeDue(input: ClockInput): DueDate {
  try {
    return dueDate(input);
  } catch (error) {
    if (error instanceof ClockError) throw new InputError(error.field, error.reason);
    throw error;
  }
}
