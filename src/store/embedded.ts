/** The embedded engine: PGlite persisted to a folder (or in memory for tests). */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from './errors.ts';
import { lockFolder } from './folder-lock.ts';
import { keepText, parseInt8, TYPE_OIDS, type Db, type Queryable, type Row } from './db.ts';
import { refuseUnstorableParams } from './unstorable.ts';

const PARSERS = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.date]: keepText, [TYPE_OIDS.numeric]: keepText };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      refuseUnstorableParams(params);
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
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => undefined : lockFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, { parsers: PARSERS });
  } catch (error) {
    release();
    // PGlite aborts with a bare RuntimeError on files it cannot read; say what it means.
    throw new ConfigError(
      `the store in ${dataDir} could not be opened (${(error as Error).name}): it may be damaged, or made by another version of Custos; restore it from a backup or move it aside`,
    );
  }
  const base = wrap(pglite);
  return {
    engine: 'embedded',
    ...base,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
