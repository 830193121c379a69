/**
 * Every route module, in the order they are registered. A capability's pages and API go in their
 * own module (src/web/routes/<domain>.ts, a RouteModule) and are added to this list, with their
 * staff navigation entry in nav.ts.
 */
import { apiDocsRoutes } from './api-docs.ts';
import { apiRecordRoutes } from './api-records.ts';
import { healthRoutes } from './health.ts';
import type { RouteModule } from './module.ts';
import { peopleRoutes } from './people.ts';
import { portalAuthRoutes } from './portal-auth.ts';
import { portalRoutes } from './portal.ts';
import { publicRoutes } from './public.ts';
import { rightsRoutes } from './rights.ts';
import { staffAuthRoutes } from './staff-auth.ts';
import { staffHomeRoutes } from './staff-home.ts';

export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  publicRoutes,
  apiDocsRoutes,
  staffAuthRoutes,
  staffHomeRoutes,
  peopleRoutes,
  rightsRoutes,
  portalAuthRoutes,
  portalRoutes,
  apiRecordRoutes,
];
