/**
 * Calendar arithmetic for the demo, on day numbers (days since 1970-01-01, UTC). Every date the
 * demo writes is counted from the reference day it is given, never from the clock, so the same
 * seed and reference day give the same data on any day, in any time zone.
 */
import type { Rng } from './random.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function toDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day from `from` to `to`, both included (`to` wins if the range is empty). */
export function dayBetween(rng: Rng, from: number, to: number): number {
  return from >= to ? to : rng.int(from, to);
}

/** Midnight UTC of that day, for lifecycle columns of date-only fields. */
export function dayDate(day: number): Date {
  return new Date(day * DAY_MS);
}

/** A moment in office hours on that day, as the Date the store's lifecycle columns take. */
export function moment(rng: Rng, day: number): Date {
  return new Date(day * DAY_MS + rng.int(8 * 60, 18 * 60) * 60_000);
}

/** The first day of the month `monthsBack` months before the month of `day`. */
export function monthStart(day: number, monthsBack: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1) / DAY_MS);
}

export const YEAR = 365;
