/**
 * Checks on the words a DPO writes beside the data: a retention description that states a period
 * other than the rule's, and starter values (Example Homes, ZA000000) left in a real manifest.
 */
import type { Finding } from '../problems.ts';
import type { Manifest } from '../schema.ts';

const UNIT_DAYS: Record<string, number> = { year: 365, month: 30, week: 7, day: 1 };
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

/** Approximate days of an ISO 8601 date period (P6Y, P18M, P30D). */
function periodDays(period: string): number | undefined {
  const m = period.match(/^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/);
  if (!m) return undefined;
  const [, y = '0', mo = '0', w = '0', d = '0'] = m;
  return Number(y) * 365 + Number(mo) * 30 + Number(w) * 7 + Number(d);
}

/** Periods stated in words: "6 years", "six months", "30 days". */
function statedDays(text: string): number[] {
  const found: number[] = [];
  for (const [, n, unit] of text
    .toLowerCase()
    .matchAll(
      /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(year|month|week|day)s?\b/g,
    )) {
    const count = /^\d+$/.test(n!) ? Number(n) : NUMBER_WORDS[n!]!;
    found.push(count * UNIT_DAYS[unit!]!);
  }
  return found;
}

function checkRetentionWords(manifest: Manifest): Finding[] {
  return manifest.retention.flatMap((rule, i) => {
    const days = periodDays(rule.period);
    const stated = rule.description ? statedDays(rule.description) : [];
    if (
      days === undefined ||
      stated.length === 0 ||
      stated.some((s) => Math.abs(s - days) <= Math.max(3, days * 0.02))
    )
      return [];
    return [
      {
        rule: 'retention/description-mismatch',
        message: `the description says a different period from "period: ${rule.period}"; the notice shows the description, so make them agree`,
        path: ['retention', i, 'description'],
      },
    ];
  });
}

const PLACEHOLDERS = [
  /\bExample Homes\b/i,
  /example-homes\.org\.uk/i,
  /\bZA000000\b/,
  /\bExampletown\b/i,
  /\bEX1 1AA\b/,
];

function checkPlaceholders(manifest: Manifest): Finding[] {
  const c = manifest.controller;
  const places: [(string | number)[], string | undefined][] = [
    [['controller', 'name'], c.name],
    [['controller', 'registrations', 'ico'], c.registrations.ico],
    [['controller', 'address'], c.address],
    [['controller', 'website'], c.website],
    ...c.contacts.map((x, i): [(string | number)[], string] => [
      ['controller', 'contacts', i, 'value'],
      x.value,
    ]),
    [['controller', 'dpo', 'email'], c.dpo?.email],
  ];
  return places
    .filter(([, value]) => value !== undefined && PLACEHOLDERS.some((p) => p.test(value)))
    .map(([path]) => ({
      rule: 'controller/placeholder',
      severity: 'warning' as const,
      message: `still holds a value from the starter manifest; replace it with your own before publishing`,
      path,
    }));
}

export function checkWords(manifest: Manifest): Finding[] {
  return [...checkRetentionWords(manifest), ...checkPlaceholders(manifest)];
}
