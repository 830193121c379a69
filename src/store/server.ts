/** The server engine: PostgreSQL (15 or later) through a node-postgres pool. */
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

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query({ text: sql, values: params as unknown[], types });
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
