/**
 * The retention sweeper inside the web server: every CUSTOS_RETENTION_EVERY_MINUTES (default 60;
 * 0 turns it off) one sweep, with the first a minute after start. Several instances may share one
 * PostgreSQL: the sweeper's lock lets one sweep while the others skip that turn (src/retention/lock.ts).
 * Logs carry counts and run ids only.
 */
import type { FastifyBaseLogger } from 'fastify';
import { registerController, type Store } from '../records/store.ts';
import { startRetentionSchedule, type RetentionSchedule } from '../retention/index.ts';

export const DEFAULT_EVERY_MINUTES = 60;

/** The interval in milliseconds the environment asks for, or undefined when sweeping is off. */
export function retentionEveryMs(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.CUSTOS_RETENTION_EVERY_MINUTES;
  const minutes = raw === undefined || raw === '' ? DEFAULT_EVERY_MINUTES : Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error('CUSTOS_RETENTION_EVERY_MINUTES must be a number of minutes (0 turns sweeping off)');
  return minutes === 0 ? undefined : Math.max(1, Math.round(minutes * 60_000));
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
    onSwept: (results) =>
      log.info(
        {
          runs: results.map((r) => r.runId),
          records: results.reduce(
            (n, r) => n + r.log.reduce((m, l) => m + (l.action === 'review' ? 0 : l.records), 0),
            0,
          ),
        },
        'retention sweep finished',
      ),
    onSkipped: () => log.info('retention sweep skipped: another instance is sweeping'),
    // Retention's errors name rules and fields, never personal data (src/retention/errors.ts).
    onError: (error) => log.error({ errorType: error.name, reason: error.message }, 'retention sweep failed'),
  });
}
