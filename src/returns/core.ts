/**
 * A CORE-style lettings return: one row per new letting (a tenancy that began in the period), in
 * the column layout of CORE's lettings bulk upload (field_1 to field_129, the 2025/26 form,
 * communitiesuk/submit-social-housing-lettings-and-sales-data). Custos fills what the store holds
 * (dates, tenant code, property, address, joint tenancy, ages of the household); the rest is left
 * blank for the housing management system or the CORE form. docs/returns.md lists each field.
 */
import { householdsOn, tenanciesInPeriod, type Member, type TenancyFacts } from '../records/returns-facts.ts';
import type { OpenedPerson } from '../records/returns.ts';
import type { Queryable } from '../store/db.ts';
import { ageOn, toCsv, type Cell } from './csv.ts';
import {
  mark,
  openedParties,
  STRUCTURAL,
  text,
  type Built,
  type Opened,
  type Period,
  type Plan,
} from './types.ts';

export const CORE_FIELDS = 129;
/** The age fields of persons 1 to 8 (person 1 is the lead tenant). */
const AGE_FIELDS = [42, 48, 52, 56, 60, 64, 68, 72];

interface CoreContext {
  tenancies: TenancyFacts[];
  members: Member[];
  organisation: string | null;
}

export async function planCore(
  q: Queryable,
  controllerId: string,
  period: Period,
  organisation: string | null,
): Promise<Plan<CoreContext>> {
  const tenancies = await tenanciesInPeriod(q, controllerId, { ...period, startingOnly: true });
  const members: Member[] = [];
  // Each household as it was on the day its letting began.
  for (const t of tenancies) members.push(...(await householdsOn(q, [t.householdId], t.startedOn)));
  const people = new Map<string, string[]>();
  for (const id of [...tenancies.flatMap((t) => t.parties), ...members.map((m) => m.personId)])
    people.set(id, []);
  return { people, context: { tenancies, members, organisation } };
}

/** Address line 1, line 2 and town, from the one-line address the store keeps. */
function coreAddress(address: string): [string, string, string] {
  const parts = address
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return [parts[0] ?? '', '', ''];
  return [parts[0]!, parts.slice(1, -1).join(', '), parts.at(-1)!];
}

function postcodeParts(postcode: string): [string, string] {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? [compact.slice(0, -3), compact.slice(-3)] : [compact, ''];
}

function row(
  t: TenancyFacts,
  lead: OpenedPerson,
  others: OpenedPerson[],
  organisation: string | null,
): Cell[] {
  const cells: Cell[] = Array<Cell>(CORE_FIELDS).fill('');
  const set = (field: number, value: Cell) => (cells[field - 1] = value);
  const [year, month, day] = t.startedOn.split('-');
  set(1, organisation);
  set(2, organisation);
  set(8, Number(day));
  set(9, Number(month));
  set(10, year);
  set(13, text(lead.details.customerRef));
  set(14, t.property.id);
  set(18, t.property.uprn);
  const [line1, line2, town] = coreAddress(t.property.address);
  set(19, line1);
  set(20, line2);
  set(21, town);
  const [outward, inward] = postcodeParts(t.property.postcode);
  set(23, outward);
  set(24, inward);
  set(37, t.parties.length > 1 ? 1 : 2);
  [lead, ...others]
    .slice(0, AGE_FIELDS.length)
    .forEach((p, i) => set(AGE_FIELDS[i]!, ageOn(p.details.dateOfBirth, t.startedOn)));
  return cells;
}

export function buildCore(ctx: CoreContext, opened: Opened): Built {
  const disclosed: Built['disclosed'] = new Map();
  const rows: Cell[][] = [];
  const skipped: Record<string, number> = {};
  for (const t of ctx.tenancies) {
    const [lead] = openedParties(t.parties, opened);
    if (!lead) {
      skipped['no-tenant-readable'] = (skipped['no-tenant-readable'] ?? 0) + 1;
      continue;
    }
    const householdIds = ctx.members.filter((m) => m.householdId === t.householdId).map((m) => m.personId);
    const others = [...new Set([...t.parties, ...householdIds])]
      .filter((id) => id !== lead.personId)
      .map((id) => opened.get(id))
      .filter((p): p is OpenedPerson => p !== undefined);
    rows.push(row(t, lead, others, ctx.organisation));
    const used = (p: OpenedPerson, fields: string[]) =>
      fields.filter((f) => p.details[f] !== undefined).map((f) => `person.${f}`);
    mark(disclosed, lead.personId, [...used(lead, ['customerRef', 'dateOfBirth']), STRUCTURAL]);
    for (const p of others.slice(0, AGE_FIELDS.length - 1))
      mark(disclosed, p.personId, [...used(p, ['dateOfBirth']), STRUCTURAL]);
  }
  const header = Array.from({ length: CORE_FIELDS }, (_, i) => `field_${i + 1}`);
  return {
    files: [{ name: 'core-lettings.csv', content: toCsv(header, rows), rows: rows.length }],
    disclosed,
    skipped,
  };
}
