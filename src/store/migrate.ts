/**
 * Migrations: numbered SQL files applied in order, each in the same transaction as its record in
 * `custos_migrations`, under an advisory lock so several app instances starting together apply
 * each file once. Safe to run any number of times.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A set of migrations with its own bookkeeping table and lock, so the data and the key vault migrate apart. */
export interface MigrationSet {
  dir: string;
  table: string;
  /** An arbitrary constant naming this set's advisory lock. */
  lock: number;
}

export const DATA_MIGRATIONS: MigrationSet = {
  dir: join(HERE, 'migrations'),
  table: 'custos_migrations',
  lock: 7_311_042,
};
export const VAULT_MIGRATIONS: MigrationSet = {
  dir: join(HERE, 'vault-migrations'),
  table: 'custos_vault_migrations',
  lock: 7_311_043,
};

export interface Migration {
  id: string;
  sql: string;
}

export function bundledMigrations(set: MigrationSet = DATA_MIGRATIONS): Migration[] {
  return readdirSync(set.dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(join(set.dir, f), 'utf8') }));
}

export async function migrate(
  db: Db,
  set: MigrationSet = DATA_MIGRATIONS,
  migrations: Migration[] = bundledMigrations(set),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [set.lock]);
    await tx.exec(
      `create table if not exists ${set.table} (id text primary key, applied_at timestamptz not null default now())`,
    );
    const done = new Set((await tx.query<{ id: string }>(`select id from ${set.table}`)).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query(`insert into ${set.table} (id) values ($1)`, [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
