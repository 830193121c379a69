/**
 * The retention sweeper inside the web server: every CUSTOS_RETENTION_EVERY_MINUTES (default 60;
 * 0 turns it off) one sweep, with the first a minute after start. Several instances may share one
 * PostgreSQL: the sweeper's lock lets one sweep while the others skip that turn (src/retention/lock.ts).
 * Each sweep logs one info line per controller with counts and its run id only, never a person
 * or a record id; `retentionNotice` is the plain line `npm start` prints about it.
 */
import type { FastifyBaseLogger } from 'fastify';
import { registerController, type Store } from '../records/store.ts';
import { runRetention, startRetentionSchedule, type RetentionSchedule } from '../retention/index.ts';
import { disposedBy, sweepCounts } from '../retention/schedule.ts';

export const DEFAULT_EVERY_MINUTES = 60;

/** The interval in milliseconds the environment asks for, or undefined when sweeping is off. */
export function retentionEveryMs(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.CUSTOS_RETENTION_EVERY_MINUTES;
  const minutes = raw === undefined || raw === '' ? DEFAULT_EVERY_MINUTES : Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error('CUSTOS_RETENTION_EVERY_MINUTES must be a number of minutes (0 turns sweeping off)');
  return minutes === 0 ? undefined : Math.max(1, Math.round(minutes * 60_000));
}

/** The one line `npm start` prints about the schedule: how often, and how to turn it off. */
export function retentionNotice(env: NodeJS.ProcessEnv): string {
  const everyMs = retentionEveryMs(env);
  if (everyMs === undefined)
    return 'Retention sweeps are off (CUSTOS_RETENTION_EVERY_MINUTES=0): nothing is disposed of on a schedule.';
  const minutes = everyMs / 60_000;
  const every = minutes === 1 ? 'minute' : `${minutes} minutes`;
  const first = everyMs >= 60_000 ? ' (the first a minute after start)' : '';
  return `Retention sweeps run every ${every}${first} and dispose of what the retention rules say is due; to turn them off, start with CUSTOS_RETENTION_EVERY_MINUTES=0.`;
}

export async function scheduleRetention(
  store: Store,
  env: NodeJS.ProcessEnv,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): Promise<RetentionSchedule | undefined> {
  const everyMs = retentionEveryMs(env);
  if (everyMs === undefined) return undefined;
  // The disposal log names its controller; a store with no accounts yet may not have the row.
  for (const manifest of store.manifests.values()) await registerController(store.db, manifest);
  return startRetentionSchedule(store, {
    everyMs,
    firstAfterMs: Math.min(everyMs, 60_000),
    startedBy: 'schedule',
    onSwept: async (results) => {
      for (const result of results) log.info(await sweepCounts(store, result), 'retention sweep finished');
    },
    onSkipped: () => log.info('retention sweep skipped: another instance is sweeping'),
    // Retention's errors name rules and fields, never personal data (src/retention/errors.ts).
    onError: (error) => log.error({ errorType: error.name, reason: error.message }, 'retention sweep failed'),
  });
}

/**
 * The demo's data is dated in the past, so on its first start hundreds of records are already past
 * their retention period. They are disposed of at once, before anyone looks, rather than a minute
 * into someone's first visit (when a record they had just seen would vanish). Off when sweeping is.
 * Returns the line to print, or undefined.
 */
export async function sweepNewDemo(store: Store, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (retentionEveryMs(env) === undefined) return undefined;
  let disposed = 0;
  for (const result of await runRetention(store, { startedBy: 'demo first start' })) {
    const { erased, anonymised } = disposedBy(result);
    disposed += erased + anonymised;
  }
  return `Applied the demo's retention rules: ${disposed} record(s) already past their retention period were disposed of.`;
}
