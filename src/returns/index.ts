/** Routine returns generated from the store through the gate, each logged per person as a disclosure. */
export { generateReturn, type ReturnRequest, type ReturnResult } from './generate.ts';
export { RETURN_KIND_INFO, RETURN_KINDS, type ReturnKind } from './kinds.ts';
export { listReturns, type ReturnSummary } from './read.ts';
export { CORE_FIELDS } from './core.ts';
export { monthsOf } from './rental-exchange.ts';
export type { ReturnFile } from './types.ts';
