/**
 * Sweeps on a schedule, for the web server: every `everyMs` one sweep, never two at once in this
 * process (the next is timed from the end of the last), and across app instances sharing one
 * PostgreSQL the sweeper's lock lets one of them sweep while the others skip that turn.
 */
import type { Store } from '../records/store.ts';
import { RetentionInputError, SweepInProgress } from './errors.ts';
import { runRetention, type SweepResult } from './sweep.ts';

export interface ScheduleOptions {
  everyMs: number;
  /** The first sweep after this long; `everyMs` unless given. */
  firstAfterMs?: number;
  /** Recorded as who started each sweep. */
  startedBy?: string;
  onSwept?: (results: SweepResult[]) => void;
  /** Another instance was sweeping; this turn was skipped. */
  onSkipped?: () => void;
  /** A sweep failed; the schedule carries on. Errors carry no personal data. */
  onError?: (error: Error) => void;
}

export interface RetentionSchedule {
  /** Stop scheduling, and wait for a sweep under way to finish. */
  stop(): Promise<void>;
}

const MIN_EVERY_MS = 10;

export function startRetentionSchedule(store: Store, options: ScheduleOptions): RetentionSchedule {
  if (!Number.isFinite(options.everyMs) || options.everyMs < MIN_EVERY_MS)
    throw new RetentionInputError('everyMs', `must be at least ${MIN_EVERY_MS} milliseconds`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const turn = async () => {
    try {
      options.onSwept?.(await runRetention(store, { startedBy: options.startedBy ?? 'schedule' }));
    } catch (error) {
      if (error instanceof SweepInProgress) options.onSkipped?.();
      else options.onError?.(error as Error);
    }
  };
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = turn().then(() => next(options.everyMs));
    }, ms);
    // A schedule alone must not keep the process alive.
    timer.unref();
  };
  next(options.firstAfterMs ?? options.everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
