/**
 * A fresh, migrated database for one test file, on the engine the run is for: PGlite in memory by
 * default, or a new database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db.ts';
import { openDatabase } from '../../src/store/open.ts';

export const ENGINE = process.env.DATABASE_URL ? 'server' : 'embedded';

export interface TestDb {
  db: Db;
  /** A connection string for the same database (server engine only), e.g. for a child process. */
  url?: string;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, close: () => db.close() };
  }
  const name = `custos_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      // Without force first: the pool's connections may still be closing; forcing them would
      // reach a client mid-close as an unhandled error.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await c.end();
    },
  };
}
