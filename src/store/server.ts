/** The server engine: PostgreSQL (15 or later) through a node-postgres pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ConfigError } from './errors.ts';
import { keepText, parseInt8, TYPE_OIDS, type Db, type Queryable, type Row } from './db.ts';

// Per-pool type parsers, so nothing global in the process changes.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TYPE_OIDS.int8) return parseInt8;
    if (oid === TYPE_OIDS.date || oid === TYPE_OIDS.numeric) return keepText;
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/**
 * Each distinct statement is prepared once per connection (a named statement), so PostgreSQL
 * parses and plans it once rather than on every call: for the short queries a person's file is
 * made of, planning was half the time (docs/performance.md). Names are a hash of the text. Only
 * the first MAX_PREPARED distinct texts are named, so SQL built at run time can never grow the
 * server's per-connection cache without bound. (A transaction-pooling proxy such as PgBouncer
 * needs its prepared-statement support turned on.)
 */
const MAX_PREPARED = 1000;
const statementNames = new Map<string, string>();

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `custos_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query({
        name: statementName(sql),
        text: sql,
        values: params as unknown[],
        types,
      });
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openServer(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (a restart, a terminated backend) must not crash the
  // process: the pool discards it and opens another when next needed.
  pool.on('error', () => undefined);
  // Fail at start-up, with the reason, rather than at the first request.
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new ConfigError(`cannot connect to the PostgreSQL server in DATABASE_URL (${code})`);
  }
  return {
    engine: 'server',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
