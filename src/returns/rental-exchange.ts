/**
 * A monthly rent-payment file of the Rental Exchange kind (uk-rules.md §7.3): for each month of
 * the period, each tenant named on a tenancy whose rent account moved that month, with the rent
 * due, paid, paid by housing benefit or Universal Credit, and the balance at the month's end.
 * People who object to the activity are left out by the gate (returns.ts); a tenancy whose account
 * cannot be read that month (nothing posted, or held on an objector's file) gets no row.
 */
import { recordsInWindow, tenanciesInPeriod, type TenancyFacts } from '../records/returns-facts.ts';
import type { OpenedRecord } from '../records/returns.ts';
import type { Queryable } from '../store/db.ts';
import { addressLines, pounds, toCsv, ukDay, type Cell } from './csv.ts';
import {
  mark,
  openedParties,
  personFieldsUsed,
  STRUCTURAL,
  text,
  type Built,
  type Opened,
  type Period,
  type Plan,
} from './types.ts';

interface RxContext {
  period: Period;
  tenancies: TenancyFacts[];
}

const DAY = 86_400_000;
const at = (iso: string, days = 0) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY);

export async function planRentalExchange(
  q: Queryable,
  controllerId: string,
  period: Period,
): Promise<Plan<RxContext>> {
  const tenancies = await tenanciesInPeriod(q, controllerId, period);
  const parties = [...new Set(tenancies.flatMap((t) => t.parties))];
  // A day's margin each side of the period: the exact day is taken from the posting date itself.
  const postings = await recordsInWindow(q, controllerId, {
    recordType: 'rent-transaction',
    people: parties,
    occurredFrom: at(period.from, -1),
    occurredBefore: at(period.to, 2),
  });
  const people = new Map<string, string[]>(parties.map((p) => [p, []]));
  for (const r of postings) people.get(r.personId)!.push(r.id);
  return { people, context: { period, tenancies } };
}

/** The calendar months the period touches, each clipped to the period. */
export function monthsOf(period: Period): { month: string; from: string; to: string }[] {
  const out = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > period.to.slice(0, 7)) return out;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const from = `${month}-01` < period.from ? period.from : `${month}-01`;
    const end = `${month}-${String(last).padStart(2, '0')}`;
    out.push({ month, from, to: end > period.to ? period.to : end });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

const HEADER = [
  'Month',
  'Account reference',
  'Tenant reference',
  'Title',
  'Forename(s)',
  'Surname',
  'Date of birth',
  'Address line 1',
  'Address line 2',
  'Address line 3',
  'Address line 4',
  'Postcode',
  'Tenancy start date',
  'Tenancy end date',
  'Joint tenancy',
  'Rent due',
  'Rent paid',
  'Paid by housing benefit or Universal Credit',
  'Balance at month end',
  'In arrears',
];

interface Account {
  due: number;
  paid: number;
  benefits: number;
  balance: number | null;
}

const BENEFITS = ['housing-benefit', 'universal-credit'];
const sum = (xs: OpenedRecord[]) =>
  Math.round(xs.reduce((n, r) => n + (r.fields.amount as number), 0) * 100) / 100;

function account(postings: OpenedRecord[]): Account {
  const of = (kind: string) => postings.filter((r) => r.fields.kind === kind);
  const payments = of('payment');
  const last = [...postings]
    .sort((a, b) => text(a.fields.postedOn).localeCompare(text(b.fields.postedOn)))
    .at(-1);
  return {
    due: sum(of('rent-charge')),
    paid: sum(payments),
    benefits: sum(payments.filter((r) => BENEFITS.includes(text(r.fields.method)))),
    balance: typeof last?.fields.balanceAfter === 'number' ? last.fields.balanceAfter : null,
  };
}

export function buildRentalExchange(ctx: RxContext, opened: Opened): Built {
  const disclosed: Built['disclosed'] = new Map();
  const rows: Cell[][] = [];
  const skipped: Record<string, number> = {};
  for (const { month, from, to } of monthsOf(ctx.period)) {
    for (const t of ctx.tenancies.filter((x) => x.startedOn <= to && (!x.endedOn || x.endedOn >= from))) {
      const parties = openedParties(t.parties, opened);
      const postings = parties
        .flatMap((p) => p.records)
        .filter(
          (r) =>
            r.recordType === 'rent-transaction' &&
            text(r.fields.postedOn) >= from &&
            text(r.fields.postedOn) <= to,
        );
      if (postings.length === 0) {
        skipped['no-rent-data'] = (skipped['no-rent-data'] ?? 0) + 1;
        continue;
      }
      const a = account(postings);
      const used = [
        ...new Set(postings.flatMap((r) => Object.keys(r.fields).map((f) => `rent-transaction.${f}`))),
      ];
      for (const p of parties) {
        const d = p.details;
        rows.push([
          month,
          t.id,
          text(d.customerRef),
          text(d.title),
          text(d.givenName),
          text(d.familyName),
          ukDay(text(d.dateOfBirth)),
          ...addressLines(t.property.address),
          t.property.postcode,
          ukDay(t.startedOn),
          ukDay(t.endedOn),
          t.parties.length > 1 ? 'Y' : 'N',
          pounds(a.due),
          pounds(a.paid),
          pounds(a.benefits),
          pounds(a.balance),
          a.balance !== null && a.balance > 0 ? 'Y' : 'N',
        ]);
        const fields = personFieldsUsed(p, [
          'customerRef',
          'title',
          'givenName',
          'familyName',
          'dateOfBirth',
        ]);
        mark(disclosed, p.personId, [...fields, ...used, STRUCTURAL]);
      }
    }
  }
  return {
    files: [{ name: 'rental-exchange.csv', content: toCsv(HEADER, rows), rows: rows.length }],
    disclosed,
    skipped,
  };
}
