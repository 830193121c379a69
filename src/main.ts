/**
 * `npm start`: the web application on the embedded engine (or PostgreSQL with DATABASE_URL). Outside
 * production, the first start loads the demo landlord and its sign-ins, and every start prints them.
 * SIGTERM or SIGINT, even during startup, stops what has started (retention timer, web server,
 * store) and exits. `npm start` runs this file in npm's own child process (`exec node --import
 * tsx`), not under the tsx command's extra process, so the signal npm passes on reaches it.
 */
import { buildWebApp } from './web/app.ts';
import { purgeExpiredSessions } from './web/auth/sessions.ts';
import { configFromEnv, deploymentWarnings, openStore } from './app/compose.ts';
import { demoSignIns, firstStart, type FirstStart } from './app/demo-web.ts';
import { DEMO_CONTROLLER } from './demo/generate.ts';
import { retentionNotice, scheduleRetention, sweepNewDemo } from './app/retention-schedule.ts';
import { ConfigError } from './store/errors.ts';
import { shutdownOnSignals } from './app/shutdown.ts';

const env = process.env;
const production = env.NODE_ENV === 'production';
const port = Number(env.PORT || 3000);
const host = env.HOST || '127.0.0.1';
const publicUrl = env.CUSTOS_PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

const shutdown = shutdownOnSignals();

async function main(): Promise<void> {
  const config = configFromEnv(env);
  console.log(
    `Custos is opening its store (${config.databaseUrl ? 'PostgreSQL' : `embedded, in ${config.dataDir}`})…`,
  );
  const store = await openStore(config, env);
  shutdown.add('store', () => store.db.close());
  const demo = !production && store.manifests.has(DEMO_CONTROLLER);

  let seeded: FirstStart | undefined;
  if (demo) {
    seeded = await firstStart(store, {
      onProgress: (done, total) =>
        process.stdout.write(`\rLoading the demo landlord: ${done} of ${total} households`),
    });
    if (seeded.seeded) {
      process.stdout.write('\n');
      const swept = await sweepNewDemo(store, env);
      if (swept) console.log(swept);
    }
  }

  const app = await buildWebApp(store, {
    production,
    demo,
    publicUrl,
    trustProxy: env.CUSTOS_TRUST_PROXY === 'true',
    logger: { level: env.LOG_LEVEL || 'info' },
    deploymentWarnings: deploymentWarnings(config),
  });
  shutdown.add('web server', () => app.close());
  await app.listen({ port, host });
  // Idle sessions are refused when next seen; this clears the expired ones from the table.
  const purge = () => purgeExpiredSessions(store.db, new Date()).catch(() => undefined);
  await purge();
  const purging = setInterval(purge, 3_600_000).unref();
  shutdown.add('session purge', () => clearInterval(purging));
  // Retention sweeps on a schedule (CUSTOS_RETENTION_EVERY_MINUTES, 0 turns it off); one sweeper at a time across instances.
  const retention = await scheduleRetention(store, env, app.log);
  shutdown.add('retention schedule', () => retention?.stop());

  console.log(`\nCustos is running at ${publicUrl}`);
  // The demo's first sweep disposes of a few hundred records a minute in: say so beside the sign-ins.
  if (demo) console.log(`${demoSignIns(publicUrl, seeded)}\n\n${retentionNotice(env)}`);
  else if (!production) console.log('No demo: the manifest served is not the demo landlord’s.');
}

main().catch((error: unknown) => {
  // A signal during startup closes the store under the step still running: that failure is expected.
  if (shutdown.stopping) return;
  // A deployment problem (the store in use, a missing key, an unreachable server) is said plainly.
  if (error instanceof ConfigError) console.error(`Custos cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
