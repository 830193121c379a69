/** What the retention pages share: their guard, the DPO's call, and the dashboard panel's counts. */
import { summariseRetention } from '../../retention/index.ts';
import type { Call } from '../../records/store.ts';
import { staffActor, staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { requireStaff } from '../guards.ts';

/** Retention is the DPO's: staff whose roles hold the rights purpose. */
export const retentionGuard = (ctx: WebContext) => requireStaff(ctx, { purpose: 'rights', staffOnly: true });

/** Holds, events and reviews are recorded under the staff member's username, as on the command line. */
export const retentionCall = (staff: StaffAccount): Call => ({
  actor: staffActor(staff),
  purpose: undefined,
  channel: 'web',
});

export interface RetentionDue {
  dispose: number;
  review: number;
  held: number;
  holdsToReview: number;
  queue: number;
}

/** For the staff home: what retention has due now, for those who look after it; else undefined. */
export async function retentionDuePanel(
  ctx: WebContext,
  staff: StaffAccount,
): Promise<RetentionDue | undefined> {
  if (staff.kind !== 'staff' || !staffPurposes(ctx.manifest, staff).includes(ctx.options.rightsPurpose))
    return undefined;
  const summary = await summariseRetention(ctx.store, ctx.controllerId);
  return {
    dispose: summary.dispose,
    review: summary.review,
    held: summary.held,
    holdsToReview: summary.holds.reviewDue,
    queue: summary.reviews.pending,
  };
}
