/**
 * What every route module is given: the store, the manifest the site serves, and the options the
 * app was built with (all defaults resolved here, in one place).
 */
import type { DestinationStream } from 'pino';
import type { Manifest } from '../manifest/schema.ts';
import type { Store } from '../records/store.ts';
import type { SessionPolicy } from './auth/sessions.ts';

export interface WebOptions {
  /** Secure cookies, HSTS, upgrade-insecure-requests; never any demo hint. */
  production?: boolean;
  /** Show the demo banner and sign-in hints (never in production). */
  demo?: boolean;
  /** The address people reach the site at, for links in messages (no trailing slash). */
  publicUrl?: string;
  /** The controller whose site this is; defaults to the first manifest loaded. */
  controllerId?: string;
  /** The activity under which rights requests are handled and people read their own files. */
  rightsPurpose?: string;
  staffSessions?: Partial<SessionPolicy>;
  residentSessions?: Partial<SessionPolicy>;
  /** Sign-in and registration attempts allowed per address per minute, per instance. */
  signInPerMinute?: number;
  /** Behind a reverse proxy: take the client address (for rate limiting) from X-Forwarded-For. */
  trustProxy?: boolean;
  /** false for no logs; otherwise a level and where to write (stdout by default). */
  logger?: false | { level?: string; stream?: DestinationStream };
  /** What the deployment should change (app/compose.ts finds them): on the DPO's home and in /ready. */
  deploymentWarnings?: string[];
}

export interface ResolvedOptions {
  production: boolean;
  demo: boolean;
  publicUrl: string;
  rightsPurpose: string;
  staffSessions: SessionPolicy;
  residentSessions: SessionPolicy;
  signInPerMinute: number;
  logger: false | { level: string; stream?: DestinationStream };
  deploymentWarnings: string[];
}

export interface WebContext {
  store: Store;
  manifest: Manifest;
  controllerId: string;
  options: ResolvedOptions;
}

export function resolveOptions(options: WebOptions): ResolvedOptions {
  const production = options.production ?? false;
  return {
    production,
    demo: !production && (options.demo ?? false),
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    rightsPurpose: options.rightsPurpose ?? 'subject-access',
    staffSessions: { idleMinutes: 30, maxHours: 12, ...options.staffSessions },
    residentSessions: { idleMinutes: 30, maxHours: 12, ...options.residentSessions },
    signInPerMinute: options.signInPerMinute ?? 20,
    logger: options.logger === false ? false : { level: 'info', ...options.logger },
    deploymentWarnings: options.deploymentWarnings ?? [],
  };
}

export function siteManifest(store: Store, controllerId: string | undefined): Manifest {
  const manifest = controllerId ? store.manifests.get(controllerId) : store.manifests.values().next().value;
  if (!manifest)
    throw new Error(controllerId ? `no manifest for "${controllerId}" is loaded` : 'no manifest is loaded');
  return manifest;
}
