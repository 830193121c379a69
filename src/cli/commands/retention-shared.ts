/**
 * What every `custos retention` subcommand shares: the --controller and --by options, the store
 * with the retention module's refusals as one-line errors, and the staff actor holds, events and
 * reviews are recorded under.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Call, Store } from '../../records/store.ts';
import { RetentionInputError, SweepInProgress } from '../../retention/index.ts';
import { CliError, withStore as withAnyStore } from '../io.ts';

export interface Common {
  controller?: string;
  by?: string;
}

export const defaultBy = (): string => `cli:${userInfo().username}`;

export const whole = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CliError(`--${name} must be a whole number of at least 1`, 2);
  return Number(value);
};

/** The store around a retention command: the module's refusals are one line; a sweep already running is 75. */
export const withStore = (fn: (store: Store) => Promise<void>) =>
  withAnyStore(fn, (error) => {
    if (error instanceof RetentionInputError) return new CliError(error.message);
    if (error instanceof SweepInProgress) return new CliError(error.message, 75);
    return undefined;
  });

/** The person at the command line, as a staff actor: holds, events and reviews are recorded under their id. */
export function staffCall(controllerId: string, by: string | undefined): Call {
  return {
    actor: { id: by ?? defaultBy(), kind: 'staff', controllerId, roles: [] },
    purpose: undefined,
    channel: 'cli',
  };
}

export const common = (c: Command) =>
  c
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--by <staff-id>', 'who is acting, for the log and the audit (default: cli:<your user name>)');
