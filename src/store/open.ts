/**
 * Choosing the engine: `DATABASE_URL=postgres://…` means a PostgreSQL server; otherwise PGlite
 * persisted under CUSTOS_DATA_DIR (default ./data). Migrations run on every open.
 */
import { join, resolve } from 'node:path';
import type { Db } from './db.ts';
import { openEmbedded } from './embedded.ts';
import { migrate } from './migrate.ts';
import { openServer } from './server.ts';

export interface StoreConfig {
  databaseUrl?: string;
  dataDir?: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.CUSTOS_DATA_DIR || undefined };
}

export async function openDatabase(config: StoreConfig): Promise<Db> {
  const db = config.databaseUrl
    ? await openServer(config.databaseUrl)
    : await openEmbedded(
        config.dataDir === 'memory://' ? 'memory://' : join(resolve(config.dataDir ?? 'data'), 'pglite'),
      );
  await migrate(db);
  return db;
}
