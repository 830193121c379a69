/**
 * Choosing the engine: `DATABASE_URL=postgres://…` means a PostgreSQL server; otherwise PGlite
 * persisted under CUSTOS_DATA_DIR (default ./data). Migrations run on every open.
 */
import { join, resolve } from 'node:path';
import type { Db } from './db.ts';
import { openEmbedded } from './embedded.ts';
import { migrate, VAULT_MIGRATIONS } from './migrate.ts';
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
  // The vault's table exists in every data database too, as the fallback vault for tests and
  // single-database deployments (vaultOf in records/store.ts).
  await migrate(db, VAULT_MIGRATIONS);
  return db;
}

/** The key vault's own database: PGlite beside the master key, or CUSTOS_KEYS_URL on a server. */
export async function openVaultDatabase(config: { keysUrl?: string; keysDir?: string }): Promise<Db> {
  const db = config.keysUrl
    ? await openServer(config.keysUrl, 10, 'CUSTOS_KEYS_URL')
    : await openEmbedded(
        config.keysDir === 'memory://' ? 'memory://' : join(resolve(config.keysDir ?? 'data/keys'), 'pglite'),
      );
  await migrate(db, VAULT_MIGRATIONS);
  return db;
}
