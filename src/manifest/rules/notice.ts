/** Notice metadata and the remaining cross-checks that keep the rendered notice honest. */
import type { Finding } from '../problems.ts';
import type { Manifest } from '../schema.ts';

export function checkNotice(manifest: Manifest, today: string): Finding[] {
  const findings: Finding[] = [];
  const n = manifest.notice;
  if (n.reviewDue && n.reviewDue < n.effective) {
    findings.push({
      rule: 'notice/review-before-effective',
      message: 'reviewDue is before the effective date',
      path: ['notice', 'reviewDue'],
    });
  } else if (n.reviewDue && n.reviewDue < today) {
    findings.push({
      rule: 'notice/review-overdue',
      severity: 'warning',
      message: `the notice was due for review on ${n.reviewDue}`,
      path: ['notice', 'reviewDue'],
    });
  }
  n.sections.forEach((s, i) => {
    if (s.until && s.until < today) {
      findings.push({
        rule: 'notice/section-expired',
        severity: 'warning',
        message: `section "${s.id}" ran until ${s.until}; remove it or extend it`,
        path: ['notice', 'sections', i, 'until'],
      });
    }
  });
  const hasDirectContact = manifest.controller.contacts.some(
    (c) => c.kind === 'email' || c.kind === 'post' || c.kind === 'phone',
  );
  if (!hasDirectContact) {
    findings.push({
      rule: 'controller/no-direct-contact',
      message: 'give an email, phone or postal contact so people can use their rights',
      path: ['controller', 'contacts'],
    });
  }
  manifest.activities.forEach((a, i) => {
    if (a.subjects.length > 0 && a.sources.length === 0) {
      findings.push({
        rule: 'activity/no-source',
        severity: 'warning',
        message: `"${a.id}" does not say where its data comes from (Art. 14)`,
        path: ['activities', i],
      });
    }
  });
  manifest.recipients.forEach((r, i) => {
    if (r.level === 'organisation' && !r.role) {
      findings.push({
        rule: 'recipient/no-role',
        message: `"${r.id}" is a named organisation; say whether it is a processor, controller, joint-controller or public-authority`,
        path: ['recipients', i],
      });
    }
    r.agreements.forEach((g, j) => {
      if (g.start && g.expiry && g.expiry < g.start) {
        findings.push({
          rule: 'agreement/expiry-before-start',
          message: `agreement "${g.id}" expires before it starts`,
          path: ['recipients', i, 'agreements', j, 'expiry'],
        });
      }
    });
    if (
      r.level === 'organisation' &&
      r.role === 'processor' &&
      r.agreements.every((g) => g.type !== 'processor-contract')
    ) {
      findings.push({
        rule: 'recipient/processor-without-contract',
        severity: 'warning',
        message: `processor "${r.id}" has no processor contract (Art. 28)`,
        path: ['recipients', i],
      });
    }
  });
  const optionalCookies = manifest.cookies.filter((c) => c.category !== 'essential');
  if (optionalCookies.length && (!n.cookieConsent || n.cookieConsent === 'browser-settings')) {
    findings.push({
      rule: 'cookies/consent-needed',
      severity: 'warning',
      message: `${optionalCookies.length} non-essential cookie(s) need consent before they are set (PECR reg. 6); say how in notice.cookieConsent`,
      path: n.cookieConsent ? ['notice', 'cookieConsent'] : ['cookies'],
    });
  }
  const used = new Set(manifest.activities.flatMap((a) => a.recipients));
  manifest.recipients.forEach((r, i) => {
    if (!used.has(r.id))
      findings.push({
        rule: 'recipient/unused',
        severity: 'warning',
        message: `recipient "${r.id}" is not used by any activity`,
        path: ['recipients', i, 'id'],
      });
  });
  return findings;
}
