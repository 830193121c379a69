/**
 * The National Fraud Initiative extract: the housing data sets a landlord supplies for data
 * matching (uk-rules.md §7.2), one file each, as the NFI asks for separate uploads:
 *  - housing tenants: everyone named on a tenancy in force in the period, with any right to buy
 *    in progress;
 *  - right to buy: purchases completed in the period (former tenants);
 *  - waiting list: applications still pending at the end of the period.
 * Columns follow the NFI housing data specification's field names as far as they are public;
 * docs/returns.md lists them and their sources.
 */
import type { OpenedPerson } from '../records/returns.ts';
import {
  householdsOn,
  recordsInWindow,
  tenanciesInPeriod,
  type Member,
  type TenancyFacts,
} from '../records/returns-facts.ts';
import type { Queryable } from '../store/db.ts';
import { addressLines, toCsv, ukDay, type Cell } from './csv.ts';
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

interface NfiContext {
  period: Period;
  tenancies: TenancyFacts[];
  members: Member[];
  rtbCompleted: Set<string>;
  waiting: Set<string>;
}

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);
const startOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function planNfi(q: Queryable, controllerId: string, period: Period): Promise<Plan<NfiContext>> {
  const tenancies = await tenanciesInPeriod(q, controllerId, period);
  const current = tenancies.filter((t) => !t.endedOn || t.endedOn >= period.to);
  const members = await householdsOn(
    q,
    current.map((t) => t.householdId),
    period.to,
  );
  const parties = [...new Set(tenancies.flatMap((t) => t.parties))];
  const end = dayAfter(period.to);
  const rtbOpen = await recordsInWindow(q, controllerId, {
    recordType: 'right-to-buy',
    people: parties,
    openAt: end,
  });
  const rtbDone = await recordsInWindow(q, controllerId, {
    recordType: 'right-to-buy',
    closedFrom: startOf(period.from),
    closedBefore: end,
  });
  const waiting = await recordsInWindow(q, controllerId, {
    recordType: 'application',
    occurredBefore: end,
    openAt: end,
  });
  const people = new Map<string, string[]>(parties.map((p) => [p, []]));
  for (const r of [...rtbOpen, ...rtbDone, ...waiting])
    people.set(r.personId, [...(people.get(r.personId) ?? []), r.id]);
  return {
    people,
    context: {
      period,
      tenancies,
      members,
      rtbCompleted: new Set(rtbDone.map((r) => r.id)),
      waiting: new Set(waiting.map((r) => r.id)),
    },
  };
}

const NAME_COLUMNS = [
  'Surname',
  'Forename(s)',
  'Middle name(s)',
  'Title',
  'Date of birth',
  'National Insurance number',
];
const ADDRESS_COLUMNS = ['Address line 1', 'Address line 2', 'Address line 3', 'Address line 4', 'Postcode'];
const NAME_FIELDS = ['familyName', 'givenName', 'title', 'dateOfBirth', 'niNumber'];

function nameCells(p: OpenedPerson): Cell[] {
  const d = p.details;
  return [
    text(d.familyName),
    text(d.givenName),
    '',
    text(d.title),
    ukDay(text(d.dateOfBirth)),
    text(d.niNumber),
  ];
}

const TENANT_HEADER = [
  'Tenant status flag',
  ...NAME_COLUMNS,
  ...ADDRESS_COLUMNS,
  'Telephone number',
  'Email address',
  'Tenant reference',
  'Tenancy reference',
  'Tenancy start date',
  'Tenancy end date',
  'Housing benefit claim reference',
  'Household size',
  'Right to buy application stage',
  'Right to buy application date',
];

const isTenant = (relationship: string | undefined) =>
  relationship === undefined || relationship === 'sole-tenant' || relationship === 'joint-tenant';

function tenantRows(ctx: NfiContext, opened: Opened, disclosed: Built['disclosed']): Cell[][] {
  const rows: Cell[][] = [];
  for (const t of ctx.tenancies) {
    const household = ctx.members.filter((m) => m.householdId === t.householdId);
    for (const p of openedParties(t.parties, opened)) {
      const personId = p.personId;
      const rtb = p.records.find(
        (r) => r.recordType === 'right-to-buy' && !['completed', 'withdrawn'].includes(text(r.fields.stage)),
      );
      const relationship = household.find((m) => m.personId === personId)?.relationship;
      rows.push([
        isTenant(relationship) ? 'F' : 'O',
        ...nameCells(p),
        ...addressLines(t.property.address),
        t.property.postcode,
        text(p.details.phone),
        text(p.details.email),
        text(p.details.customerRef),
        t.id,
        ukDay(t.startedOn),
        ukDay(t.endedOn),
        '',
        household.length || '',
        text(rtb?.fields.stage),
        ukDay(text(rtb?.fields.appliedOn)),
      ]);
      const fields = personFieldsUsed(p, [...NAME_FIELDS, 'phone', 'email', 'customerRef']);
      const rtbFields = rtb ? ['right-to-buy.stage', 'right-to-buy.appliedOn'] : [];
      mark(disclosed, personId, [...fields, ...rtbFields, STRUCTURAL]);
    }
  }
  return rows;
}

function rtbRows(ctx: NfiContext, opened: Opened, disclosed: Built['disclosed']): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of opened.values()) {
    for (const r of p.records.filter(
      (x) => ctx.rtbCompleted.has(x.id) && text(x.fields.stage) === 'completed',
    )) {
      rows.push([
        ...nameCells(p),
        ...addressLines(text(p.details.address)),
        text(p.details.postcode),
        text(p.details.customerRef),
        ukDay(text(r.fields.appliedOn)),
        ukDay(text(r.fields.completedOn)),
        typeof r.fields.discount === 'number' ? r.fields.discount.toFixed(2) : '',
      ]);
      const fields = personFieldsUsed(p, [...NAME_FIELDS, 'address', 'postcode', 'customerRef']);
      mark(disclosed, p.personId, [
        ...fields,
        'right-to-buy.appliedOn',
        'right-to-buy.completedOn',
        'right-to-buy.discount',
      ]);
    }
  }
  return rows;
}

function waitingRows(ctx: NfiContext, opened: Opened, disclosed: Built['disclosed']): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of opened.values()) {
    for (const r of p.records.filter((x) => ctx.waiting.has(x.id) && text(x.fields.outcome) === 'pending')) {
      rows.push([
        ...nameCells(p),
        ...addressLines(text(p.details.address)),
        text(p.details.postcode),
        text(p.details.phone),
        text(p.details.email),
        r.id,
        ukDay(text(r.fields.receivedOn)),
        text(r.fields.householdSize),
        text(r.fields.band),
      ]);
      const fields = personFieldsUsed(p, [...NAME_FIELDS, 'address', 'postcode', 'phone', 'email']);
      mark(disclosed, p.personId, [
        ...fields,
        'application.receivedOn',
        'application.householdSize',
        'application.band',
      ]);
    }
  }
  return rows;
}

export function buildNfi(ctx: NfiContext, opened: Opened): Built {
  const disclosed: Built['disclosed'] = new Map();
  const tenants = tenantRows(ctx, opened, disclosed);
  const rtb = rtbRows(ctx, opened, disclosed);
  const waiting = waitingRows(ctx, opened, disclosed);
  const file = (name: string, header: string[], rows: Cell[][]) => ({
    name,
    content: toCsv(header, rows),
    rows: rows.length,
  });
  return {
    files: [
      file('nfi-housing-tenants.csv', TENANT_HEADER, tenants),
      file(
        'nfi-right-to-buy.csv',
        [
          ...NAME_COLUMNS,
          ...ADDRESS_COLUMNS,
          'Tenant reference',
          'Right to buy application date',
          'Right to buy completion date',
          'Right to buy discount',
        ],
        rtb,
      ),
      file(
        'nfi-waiting-list.csv',
        [
          ...NAME_COLUMNS,
          ...ADDRESS_COLUMNS,
          'Telephone number',
          'Email address',
          'Application reference',
          'Application date',
          'Household size',
          'Band',
        ],
        waiting,
      ),
    ],
    disclosed,
    skipped: {},
  };
}
