/** The embedded engine: PGlite persisted to a folder (or in memory for tests). */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { keepText, parseInt8, TYPE_OIDS, type Db, type Queryable, type Row } from './db.ts';

const PARSERS = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.date]: keepText, [TYPE_OIDS.numeric]: keepText };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/** `dataDir` of "memory://" keeps everything in memory. */
export async function openEmbedded(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { parsers: PARSERS });
  const base = wrap(pglite);
  return {
    engine: 'embedded',
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
