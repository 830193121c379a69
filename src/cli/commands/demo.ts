import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { configFromEnv, openStore } from '../../app/compose.ts';
import { isIsoDate } from '../../demo/dates.ts';
import { DEFAULT_AS_OF } from '../../demo/generate.ts';
import { DemoError, generateDemo, type DemoProgress } from '../../demo/run.ts';
import { CliError } from '../io.ts';

/** Far beyond any landlord in England (the largest hold about 125,000 homes), and a day's work to generate. */
const MAX_HOUSEHOLDS = 1_000_000;

const whole =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new CliError(
        `--${name} must be a whole number from ${min} to ${max.toLocaleString('en-GB')}, written in digits`,
        2,
      );
    return Number(value);
  };

/** A bar on a terminal; otherwise a line every tenth of the way, for logs. Counts only, never data. */
function progressReporter(total: number): { update: (p: DemoProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format:
          'demo |{bar}| {value}/{total} households | {people} people | {records} records | {eta_formatted}',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { people: 0, records: 0 });
    return {
      update: (p) => bar.update(p.households, { people: p.people, records: p.records }),
      stop: () => bar.stop(),
    };
  }
  let next = 0.1;
  return {
    update: (p) => {
      if (p.households / total < next && p.households < total) return;
      next = Math.floor((p.households / total) * 10 + 1) / 10;
      process.stderr.write(
        `demo: ${p.households}/${total} households, ${p.people} people, ${p.records} records\n`,
      );
    },
    stop: () => undefined,
  };
}

const day = (value: string) => {
  if (!isIsoDate(value)) throw new CliError('--as-of must be a date written YYYY-MM-DD', 2);
  return value;
};

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'fill an empty store with the synthetic demo landlord: the same households, seed and --as-of day give the same data',
    )
    .option('--households <n>', 'how many households', whole('households', 1, MAX_HOUSEHOLDS), 1000)
    .option('--seed <s>', 'the random seed', whole('seed', 0), 1)
    .option('--as-of <date>', 'the day the data is as of (YYYY-MM-DD)', day, DEFAULT_AS_OF)
    .action(async (opts: { households: number; seed: number; asOf: string }) => {
      const store = await openStore(configFromEnv());
      const progress = progressReporter(opts.households);
      try {
        const started = performance.now();
        const summary = await generateDemo(store, { ...opts, onProgress: progress.update });
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        const rate = Math.round((summary.people + summary.records) / seconds);
        process.stdout.write(
          `wrote ${summary.households} households (${summary.properties} homes, ${summary.tenancies} tenancies), ` +
            `${summary.people} people, ${summary.records} records and ${summary.documents} documents in ${seconds.toFixed(1)} s ` +
            `(${rate} people and records a second)\n`,
        );
      } catch (error) {
        progress.stop();
        if (error instanceof DemoError) throw new CliError(error.message);
        throw error;
      } finally {
        await store.db.close();
      }
    });
}
