/** Anonymised statistics: counts across people with small numbers suppressed; never one person's values. */
export * from './equality.ts';
export * from './format.ts';
export { roundCount, suppress, type Cell, type ShownCell, type ShownTable } from './suppress.ts';
