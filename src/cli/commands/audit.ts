import type { Command } from 'commander';
import { configFromEnv, openStore } from '../../app/compose.ts';
import { verifyChainInDatabase } from '../../audit/verify-in-database.ts';
import { verifyChain } from '../../audit/verify.ts';
import { CliError } from '../io.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('recompute the hash chain and report the first edited, deleted, inserted or reordered event')
    .option(
      '--in-process',
      'recompute every hash here rather than in the database (slower; an independent check)',
    )
    .action(async (opts: { inProcess?: boolean }) => {
      const store = await openStore(configFromEnv(), process.env, { create: false });
      try {
        const started = performance.now();
        const report = opts.inProcess ? await verifyChain(store.db) : await verifyChainInDatabase(store.db);
        const seconds = (performance.now() - started) / 1000;
        if (!report.ok)
          throw new CliError(
            `audit chain broken at event ${report.break!.seq} (${report.break!.kind}): ${report.break!.message}`,
          );
        process.stdout.write(
          `audit chain intact: ${report.events} events verified in ${seconds.toFixed(2)} s\n`,
        );
      } finally {
        await store.db.close();
      }
    });
}
