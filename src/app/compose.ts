/**
 * The composition root: configuration from the environment, then the database, the master keys
 * and the manifests, assembled once into the Store every module is given.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../store/errors.ts';
import { loadManifest } from '../manifest/validate.ts';
import type { Manifest } from '../manifest/schema.ts';
import type { Store } from '../records/store.ts';
import { loadKeyRing } from '../store/keys.ts';
import { openDatabase, openVaultDatabase } from '../store/open.ts';
import type { Db } from '../store/db.ts';
import { SqlKeyVault } from '../store/key-vault.ts';
import { checkServerUrl } from '../store/server.ts';

export const DEMO_MANIFEST = resolve(import.meta.dirname, '..', '..', 'examples', 'demo-landlord.yaml');

export interface Config {
  databaseUrl?: string;
  /** The key vault's database; defaults to the data database on a server (see ADR 5). */
  keysUrl?: string;
  dataDir: string;
  keyFile: string;
  manifestFiles: string[];
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.CUSTOS_DATA_DIR || 'data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    keysUrl: env.CUSTOS_KEYS_URL || undefined,
    dataDir,
    // Outside the database folder, so a copy of the database alone never carries the key.
    keyFile: resolve(env.CUSTOS_MASTER_KEY_FILE || join(dataDir, 'keys', 'master.key')),
    manifestFiles: (env.CUSTOS_MANIFEST || DEMO_MANIFEST).split(',').map((f) => resolve(f.trim())),
  };
}

/** ADR 5: on a server without CUSTOS_KEYS_URL, every dump of the data database carries the wrapped keys. */
export const SHARED_VAULT_WARNING =
  'CUSTOS_KEYS_URL is not set, so the key vault is a table in the data database: its dumps carry the wrapped keys, and restoring an old one can bring erased people back; set CUSTOS_KEYS_URL to a separate PostgreSQL database (docs/decisions/0005)';

/** What the deployment should change, in one line each: printed at start, shown to the DPO. */
export function deploymentWarnings(config: Config): string[] {
  return config.databaseUrl && !config.keysUrl ? [SHARED_VAULT_WARNING] : [];
}

export interface OpenOptions {
  /** False for commands that inspect an existing store: a mistyped CUSTOS_DATA_DIR must not create a new one. */
  create?: boolean;
  now?: () => Date;
  /** Where deployment warnings go; standard error by default. */
  warn?: (line: string) => void;
}

const toStderr = (line: string) => process.stderr.write(`Custos warning: ${line}\n`);

/** The checks made before anything is opened: the addresses' form, the store's existence; then the warnings. */
function beforeOpening(config: Config, options: OpenOptions): void {
  if (config.databaseUrl) checkServerUrl(config.databaseUrl, 'DATABASE_URL');
  if (config.databaseUrl && config.keysUrl) checkServerUrl(config.keysUrl, 'CUSTOS_KEYS_URL');
  if (options.create === false && !config.databaseUrl && !existsSync(join(config.dataDir, 'pglite'))) {
    throw new ConfigError(
      `there is no Custos store in ${config.dataDir}; set CUSTOS_DATA_DIR, or create one with custos demo or custos import`,
    );
  }
  for (const line of deploymentWarnings(config)) (options.warn ?? toStderr)(line);
}

/**
 * The data database alone, for commands that only read what it holds in clear (the audit chain):
 * no master key, no vault, no manifest is needed for that.
 */
export async function openDataDatabase(config: Config, options: OpenOptions = {}): Promise<Db> {
  beforeOpening(config, options);
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export async function openStore(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenOptions = {},
): Promise<Store> {
  const now = options.now ?? (() => new Date());
  beforeOpening(config, options);
  const manifests = new Map<string, Manifest>();
  for (const file of config.manifestFiles) {
    const manifest = loadManifest(file);
    manifests.set(manifest.controller.id, manifest);
  }
  const keys = loadKeyRing(env, config.keyFile, !config.databaseUrl);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // Embedded: the vault is its own PGlite beside the master key. Server: CUSTOS_KEYS_URL, or the
  // data database's own vault table when none is given.
  const vaultDb = config.databaseUrl
    ? config.keysUrl
      ? await openVaultDatabase({ keysUrl: config.keysUrl })
      : undefined
    : await openVaultDatabase({ keysDir: dirname(config.keyFile) });
  const vault = vaultDb ? new SqlKeyVault(vaultDb, keys) : undefined;
  return { db: vaultDb ? withVaultClosing(db, vaultDb) : db, keys, vault, manifests, now };
}

/** Closing the store closes its vault's database too. */
function withVaultClosing(db: Db, vaultDb: Db): Db {
  return {
    ...db,
    close: async () => {
      await db.close();
      await vaultDb.close();
    },
  };
}
