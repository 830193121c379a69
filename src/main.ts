/**
 * `npm start`: the web application on the embedded engine (or PostgreSQL with DATABASE_URL). Outside
 * production, the first start loads the demo landlord and its sign-ins, and every start prints them.
 */
import { buildWebApp } from './web/app.ts';
import { purgeExpiredSessions } from './web/auth/sessions.ts';
import { configFromEnv, openStore } from './app/compose.ts';
import { demoSignIns, firstStart, type FirstStart } from './app/demo-web.ts';
import { DEMO_CONTROLLER } from './demo/generate.ts';
import { scheduleRetention } from './app/retention-schedule.ts';

const env = process.env;
const production = env.NODE_ENV === 'production';
const port = Number(env.PORT || 3000);
const host = env.HOST || '127.0.0.1';
const publicUrl = env.CUSTOS_PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

const config = configFromEnv(env);
console.log(
  `Custos is opening its store (${config.databaseUrl ? 'PostgreSQL' : `embedded, in ${config.dataDir}`})…`,
);
const store = await openStore(config, env);
const demo = !production && store.manifests.has(DEMO_CONTROLLER);

let seeded: FirstStart | undefined;
if (demo) {
  seeded = await firstStart(store, {
    onProgress: (done, total) =>
      process.stdout.write(`\rLoading the demo landlord: ${done} of ${total} households`),
  });
  if (seeded.seeded) process.stdout.write('\n');
}

const app = await buildWebApp(store, {
  production,
  demo,
  publicUrl,
  trustProxy: env.CUSTOS_TRUST_PROXY === 'true',
  logger: { level: env.LOG_LEVEL || 'info' },
});
await app.listen({ port, host });
// Idle sessions are refused when next seen; this clears the expired ones from the table.
const purge = () => purgeExpiredSessions(store.db, new Date()).catch(() => undefined);
await purge();
setInterval(purge, 3_600_000).unref();
// Retention sweeps on a schedule (CUSTOS_RETENTION_EVERY_MINUTES, 0 turns it off); one sweeper at a time across instances.
const retention = await scheduleRetention(store, env, app.log);

console.log(`\nCustos is running at ${publicUrl}`);
if (demo) console.log(demoSignIns(publicUrl, seeded));
else if (!production) console.log('No demo: the manifest served is not the demo landlord’s.');

async function shutdown() {
  await retention?.stop();
  await app.close();
  await store.db.close();
  process.exit(0);
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
