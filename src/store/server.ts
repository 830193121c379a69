/** The server engine: PostgreSQL (15 or later) through a node-postgres pool. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ConfigError } from './errors.ts';
import { keepText, parseInt8, TYPE_OIDS, type Db, type Queryable, type Row } from './db.ts';
import { refuseUnstorableParams } from './unstorable.ts';

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
      refuseUnstorableParams(params);
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

interface ServerAddress {
  host: string;
  port: number;
  database: string;
}

/**
 * Refuse an address that is not PostgreSQL's, or not an address at all, before anything else is
 * tried, naming the variable and the form expected. Only the scheme is echoed: the rest may hold a
 * password. Returns pg's own reading of it, so defaults (PGHOST, PGPORT) are the ones it will use.
 */
export function checkServerUrl(url: string, variable: string): ServerAddress {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const expected = 'postgres://user:password@host:5432/database';
  if (scheme !== 'postgres' && scheme !== 'postgresql')
    throw new ConfigError(
      `${variable} must be a PostgreSQL address, ${expected} (${scheme ? `it starts "${scheme}:"` : 'it has no scheme'})`,
    );
  try {
    const { host, port, database } = new pg.Client(url);
    return { host, port, database: database ?? '' };
  } catch {
    throw new ConfigError(`${variable} is not a valid address: write it as ${expected}`);
  }
}

/** Why the first connection failed, in words that say what to do; never the password. */
function connectionProblem(error: unknown, address: ServerAddress, variable: string): string {
  const { host, database } = address;
  const server = `${host}:${address.port}`;
  const code = (error as { code?: string }).code ?? (error as Error).message;
  switch (code) {
    case '3D000':
      return `the database ${database} does not exist on the server at ${server}: create it (createdb ${database}), or correct ${variable}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot find the PostgreSQL server ${host} named in ${variable} (${code}): check the host name`;
    case 'ECONNREFUSED':
      return `nothing answers at ${server} (${variable}): start the PostgreSQL server there, or correct ${variable}`;
    case '28P01':
    case '28000':
      return `the PostgreSQL server at ${server} refused the user or password in ${variable} (${code})`;
    default:
      return `cannot connect to the PostgreSQL server at ${server} in ${variable} (${code})`;
  }
}

/** `variable` names where the address came from, for the error a failed first connection gives. */
export async function openServer(url: string, poolSize = 10, variable = 'DATABASE_URL'): Promise<Db> {
  const address = checkServerUrl(url, variable);
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
    throw new ConfigError(connectionProblem(error, address, variable));
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
