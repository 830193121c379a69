import type { Command } from 'commander';
import { configFromEnv, openDataDatabase } from '../../app/compose.ts';
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
      // The chain is hashed over what the log holds in clear: no master key or manifest is needed.
      const db = await openDataDatabase(configFromEnv(), { create: false });
      try {
        const started = performance.now();
        const report = opts.inProcess ? await verifyChain(db) : await verifyChainInDatabase(db);
        const seconds = (performance.now() - started) / 1000;
        if (!report.ok)
          throw new CliError(
            `audit chain broken at event ${report.break!.seq} (${report.break!.kind}): ${report.break!.message}`,
          );
        process.stdout.write(
          `audit chain intact: ${report.events} events verified in ${seconds.toFixed(2)} s\n`,
        );
      } finally {
        await db.close();
      }
    });
}
