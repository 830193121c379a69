/**
 * The UK has three bank-holiday calendars: England and Wales share one, Scotland and Northern
 * Ireland each have their own. The deadline moves past a bank holiday only where the landlord is.
 */
import { ClockError } from './errors.ts';

export const JURISDICTIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const JURISDICTION_NAMES: Readonly<Record<Jurisdiction, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** The manifest names a nation (controller.nation); Wales uses England's calendar. */
export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';

export function jurisdictionForNation(nation: Nation): Jurisdiction {
  return nation === 'england' || nation === 'wales' ? 'england-and-wales' : nation;
}

export function checkJurisdiction(value: unknown, field = 'jurisdiction'): Jurisdiction {
  if ((JURISDICTIONS as readonly unknown[]).includes(value)) return value as Jurisdiction;
  throw new ClockError(field, `"${String(value)}" is not one of ${JURISDICTIONS.join(', ')}`);
}
