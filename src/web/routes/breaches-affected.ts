/**
 * The "people affected" form read into a finder: customer references looked up through the gate,
 * or a member of staff's username and a window for the audit-log search. A username no member of
 * staff has (now or before) is refused on its field, rather than silently finding no one.
 */
import type { AffectedFinder } from '../../breaches/index.ts';
import { InputError } from '../../records/errors.ts';
import { findPeople } from '../../records/find-people.ts';
import type { Call } from '../../records/store.ts';
import type { WebContext } from '../context.ts';
import { formInstant } from './breaches-view.ts';

export interface AffectedForm {
  by: 'people' | 'accessed-by';
  customerRefs?: string;
  actor?: string;
  windowFrom?: string;
  windowTo?: string;
}

/** Whether a staff account (live or disabled: a stolen login may since have been shut) has it. */
async function isStaffUsername(ctx: WebContext, username: string): Promise<boolean> {
  const rows = await ctx.store.db.query(
    'select 1 from web_staff_accounts where controller_id = $1 and username = $2',
    [ctx.controllerId, username.trim().toLowerCase()],
  );
  return rows.length > 0;
}

async function byCustomerRef(ctx: WebContext, call: Call, customerRefs = ''): Promise<AffectedFinder> {
  const refs = customerRefs.split(/[\s,]+/).filter(Boolean);
  if (refs.length === 0) throw new InputError('customerRefs', 'Enter at least one customer reference');
  const ids: string[] = [];
  for (const ref of refs) {
    const [found] = await findPeople(ctx.store, call, ctx.controllerId, 'customer-ref', ref);
    if (!found) throw new InputError('customerRefs', `No one on file has the customer reference ${ref}`);
    ids.push(found);
  }
  return { by: 'people', personIds: ids };
}

export async function affectedFinder(ctx: WebContext, call: Call, b: AffectedForm): Promise<AffectedFinder> {
  if (b.by === 'people') return byCustomerRef(ctx, call, b.customerRefs);
  const from = formInstant(b.windowFrom, 'windowFrom');
  const to = formInstant(b.windowTo, 'windowTo');
  if (!b.actor) throw new InputError('actor', 'Enter the username whose access to check');
  if (!(await isStaffUsername(ctx, b.actor)))
    throw new InputError('actor', 'No member of staff has that username');
  if (!from || !to)
    throw new InputError(from ? 'windowTo' : 'windowFrom', 'Enter the start and end of the window');
  return { by: 'accessed-by', actor: b.actor.trim().toLowerCase(), from: new Date(from), to: new Date(to) };
}
