/**
 * The sweeper the crash test kills: a real `custos`-style process over the store named by the
 * environment, reporting each batch on stdout so the test can kill it mid-sweep.
 */
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { runRetention } from '../../src/retention/sweep.ts';

const store = await openStore(configFromEnv(), process.env, { create: false });
process.stdout.write('ready\n');
await runRetention(store, {
  startedBy: 'crash-test',
  batchSize: Number(process.env.SWEEP_BATCH ?? 4),
  onProgress: (p) => process.stdout.write(`batch ${p.done}/${p.total}\n`),
});
await store.db.close();
process.stdout.write('done\n');
