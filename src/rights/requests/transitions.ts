/**
 * The request's status machine: the only moves allowed, as a table. Waiting for identification,
 * for authority or for clarification can happen in any order before the work starts; an extension
 * is taken once the work is under way; every outcome is closed afterwards, and closed is final.
 */
import { InputError } from '../../records/errors.ts';
import type { RequestStatus } from './vocabulary.ts';

const ENDINGS = ['refused', 'withdrawn'] as const;

export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  received: ['awaiting-id', 'awaiting-authority', 'awaiting-clarification', 'in-progress', ...ENDINGS],
  'awaiting-id': ['awaiting-authority', 'awaiting-clarification', 'in-progress', ...ENDINGS],
  'awaiting-authority': ['awaiting-id', 'awaiting-clarification', 'in-progress', ...ENDINGS],
  'awaiting-clarification': ['in-progress', ...ENDINGS],
  'in-progress': ['awaiting-clarification', 'extended', 'completed', ...ENDINGS],
  extended: ['completed', ...ENDINGS],
  completed: ['closed'],
  refused: ['closed'],
  withdrawn: ['closed'],
  closed: [],
};

export class IllegalTransition extends InputError {
  constructor(
    readonly from: RequestStatus,
    readonly to: RequestStatus,
  ) {
    const allowed = TRANSITIONS[from];
    super(
      'status',
      `a request cannot move from "${from}" to "${to}"; from "${from}" it may move to ` +
        (allowed.length ? allowed.map((s) => `"${s}"`).join(', ') : 'nothing: it is final'),
    );
  }
}

export function isLegal(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function checkTransition(from: RequestStatus, to: RequestStatus): void {
  if (!isLegal(from, to)) throw new IllegalTransition(from, to);
}
