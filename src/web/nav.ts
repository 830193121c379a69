/**
 * The service navigation. A page for a new capability adds its entry here: staff entries may name
 * the purpose a person's roles must grant for the entry to show (the route checks it again).
 */
import { staffPurposes } from './auth/staff-accounts.ts';
import type { WebContext } from './context.ts';
import { jobPurposes } from './job-purposes.ts';
import type { Visitor } from './visitor.ts';

export interface NavEntry {
  text: string;
  href: string;
  /**
   * Shown only to staff whose roles grant this purpose; "rights" means the rights purpose, "jobs"
   * any purpose under which their roles are given jobs (contractors).
   */
  purpose?: string | 'rights' | 'jobs';
}

export const STAFF_NAV: NavEntry[] = [
  { text: 'Home', href: '/staff' },
  { text: 'Your jobs', href: '/staff/jobs', purpose: 'jobs' },
  { text: 'Find a person', href: '/staff/people' },
  { text: 'Rights requests', href: '/staff/requests', purpose: 'rights' },
  { text: 'Disclosures', href: '/staff/disclosures', purpose: 'rights' },
  { text: 'Breaches', href: '/staff/breaches', purpose: 'rights' },
  { text: 'Retention', href: '/staff/retention', purpose: 'rights' },
  { text: 'Audit log', href: '/staff/audit', purpose: 'rights' },
  { text: 'Emergency access', href: '/staff/audit/break-glass', purpose: 'rights' },
  { text: 'Record of processing', href: '/staff/record-of-processing', purpose: 'rights' },
  { text: 'Privacy notice', href: '/staff/notice', purpose: 'rights' },
  { text: 'Statistics', href: '/staff/statistics', purpose: 'equality-monitoring' },
];

export const RESIDENT_NAV: NavEntry[] = [
  { text: 'Your information', href: '/portal/your-information' },
  { text: 'Who has seen your information', href: '/portal/who-has-seen-your-information' },
  { text: 'Your consents', href: '/portal/consents' },
  { text: 'Your requests', href: '/portal/requests' },
  { text: 'Privacy notice', href: '/privacy' },
];

export const PUBLIC_NAV: NavEntry[] = [
  { text: 'Privacy notice', href: '/privacy' },
  { text: 'Make a request', href: '/how-to-make-a-request' },
  { text: 'Cookies', href: '/cookies' },
  { text: 'Residents', href: '/portal' },
  { text: 'Staff', href: '/staff' },
];

export function navFor(ctx: WebContext, visitor: Visitor, path: string) {
  let entries = PUBLIC_NAV;
  if (visitor.staff) {
    const granted = staffPurposes(ctx.manifest, visitor.staff);
    const hasJobs = jobPurposes(ctx, visitor.staff).length > 0;
    entries = STAFF_NAV.filter((e) =>
      e.purpose === 'jobs'
        ? hasJobs
        : !e.purpose || granted.includes(e.purpose === 'rights' ? ctx.options.rightsPurpose : e.purpose),
    );
  } else if (visitor.resident) entries = RESIDENT_NAV;
  // The longest matching entry is the current one, so "/staff" is not current on "/staff/people".
  const current = entries
    .filter((e) => path === e.href || path.startsWith(`${e.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return entries.map((e) => ({ text: e.text, href: e.href, active: e === current }));
}
