/**
 * Sweeps on a schedule, for the web server: every `everyMs` one sweep, never two at once in this
 * process (the next is timed from the end of the last), and across app instances sharing one
 * PostgreSQL the sweeper's lock lets one of them sweep while the others skip that turn.
 */
import type { Store } from '../records/store.ts';
import { RetentionInputError, SweepInProgress } from './errors.ts';
import { summariseRetention } from './plan.ts';
import { runRetention, type SweepResult } from './sweep.ts';

export interface ScheduleOptions {
  everyMs: number;
  /** The first sweep after this long; `everyMs` unless given. */
  firstAfterMs?: number;
  /** Recorded as who started each sweep. */
  startedBy?: string;
  /** A promise it returns is awaited before the next turn is timed; a failure goes to `onError`. */
  onSwept?: (results: SweepResult[]) => unknown;
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
      await options.onSwept?.(await runRetention(store, { startedBy: options.startedBy ?? 'schedule' }));
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

/** What one controller's sweep did, in counts only: safe for a log line. */
export interface SweepCounts {
  runId: string;
  controllerId: string;
  /** Erased and anonymised together: what `custos retention log` lists as disposed of. */
  disposed: number;
  erased: number;
  anonymised: number;
  keptForReview: number;
  /** Due now but kept under a legal hold, as the plan counts them at the sweep's moment. */
  held: number;
}

/** Records a sweep erased and anonymised: what `custos retention log` lists as disposed of. */
export function disposedBy(result: SweepResult): { erased: number; anonymised: number } {
  const sum = (action: string) =>
    result.log.filter((l) => l.action === action).reduce((n, l) => n + l.records, 0);
  return { erased: sum('erase'), anonymised: sum('anonymise') };
}

export async function sweepCounts(store: Store, result: SweepResult): Promise<SweepCounts> {
  const { erased, anonymised } = disposedBy(result);
  // The summary, not the whole plan: only the number held is wanted (summary.test.ts holds them equal).
  const summary = await summariseRetention(store, result.controllerId, { asOf: result.asOf });
  return {
    runId: result.runId,
    controllerId: result.controllerId,
    disposed: erased + anonymised,
    erased,
    anonymised,
    keptForReview: result.log.filter((l) => l.action === 'review').reduce((n, l) => n + l.records, 0),
    held: summary.held,
  };
}
