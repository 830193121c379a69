/**
 * Every route module, in the order they are registered. A capability's pages and API go in their
 * own module (src/web/routes/<domain>.ts, a RouteModule) and are added to this list, with their
 * staff navigation entry in nav.ts.
 */
import { apiDocsRoutes } from './api-docs.ts';
import { breachRoutes } from './breaches.ts';
import { cookieRoutes } from './cookies.ts';
import { portalConsentRoutes } from './portal-consent.ts';
import { portalSharingRoutes } from './portal-sharing.ts';
import { portalAccessRoutes } from './portal-accesses.ts';
import { portalResendRoutes } from './portal-resend.ts';
import { sharingRoutes } from './sharing.ts';
import { apiRecordRoutes } from './api-records.ts';
import { auditRoutes } from './audit.ts';
import { auditPersonRoutes } from './audit-person.ts';
import { contractorRoutes } from './contractor.ts';
import { retentionHoldRoutes } from './retention-holds.ts';
import { retentionRoutes } from './retention.ts';
import { healthRoutes } from './health.ts';
import type { RouteModule } from './module.ts';
import { peopleRoutes } from './people.ts';
import { staffRecordRoutes } from './staff-records.ts';
import { breakGlassRoutes } from './break-glass.ts';
import { portalAuthRoutes } from './portal-auth.ts';
import { portalRoutes } from './portal.ts';
import { publicRoutes } from './public.ts';
import { rightsRoutes } from './rights.ts';
import { rightsErasureRoutes } from './rights-erasure.ts';
import { rightsPackRoutes } from './rights-pack.ts';
import { rightsRequestRoutes } from './rights-request.ts';
import { rightsReviewRoutes } from './rights-review.ts';
import { rightsIntakeRoutes } from './rights-intake.ts';
import { representativeRoutes } from './representatives.ts';
import { rightsActionsAutomatedRoutes } from './rights-actions-automated.ts';
import { rightsActionsObjectRoutes } from './rights-actions-object.ts';
import { rightsActionsRectifyRoutes } from './rights-actions-rectify.ts';
import { rightsActionsRestrictRoutes } from './rights-actions-restrict.ts';
import { portalRightsRoutes } from './portal-rights.ts';
import { portalDecisionRoutes } from './portal-rights-decisions.ts';
import { staffAuthRoutes } from './staff-auth.ts';
import { staffHomeRoutes } from './staff-home.ts';
import { staffNoticeRoutes } from './staff-notice.ts';
import { staffRopaRoutes } from './staff-ropa.ts';
import { statisticsRoutes } from './statistics.ts';

export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  publicRoutes,
  apiDocsRoutes,
  staffAuthRoutes,
  staffHomeRoutes,
  peopleRoutes,
  staffRecordRoutes,
  breakGlassRoutes,
  rightsRoutes,
  rightsRequestRoutes,
  rightsReviewRoutes,
  rightsPackRoutes,
  rightsErasureRoutes,
  rightsIntakeRoutes,
  representativeRoutes,
  rightsActionsRectifyRoutes,
  rightsActionsObjectRoutes,
  rightsActionsRestrictRoutes,
  rightsActionsAutomatedRoutes,
  portalRightsRoutes,
  portalDecisionRoutes,
  portalAuthRoutes,
  portalRoutes,
  apiRecordRoutes,
  cookieRoutes,
  portalConsentRoutes,
  portalSharingRoutes,
  portalAccessRoutes,
  portalResendRoutes,
  sharingRoutes,
  breachRoutes,
  retentionRoutes,
  retentionHoldRoutes,
  auditRoutes,
  auditPersonRoutes,
  contractorRoutes,
  staffRopaRoutes,
  staffNoticeRoutes,
  statisticsRoutes,
];
