/**
 * A logical backup of a data database and its restore into an empty one, on either engine: every
 * table's rows, restored parents first (the order comes from the foreign keys themselves).
 */
import type { Db } from '../../src/store/db.ts';

export type Dump = Map<string, Record<string, unknown>[]>;

/** Tables ordered so that each comes after every table it refers to. */
async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
  ).map((t) => t.name);
  const refs = await db.query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const r of refs) if (r.child === t && r.parent !== t) visit(r.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

export async function dump(db: Db): Promise<Dump> {
  const out: Dump = new Map();
  for (const table of await tablesInOrder(db)) out.set(table, await db.query(`select * from ${table}`));
  return out;
}

/** Restore into a freshly migrated database (whose only rows are the audit chain's starting head). */
export async function restore(db: Db, snapshot: Dump): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of [...snapshot.keys()].reverse()) await tx.query(`delete from ${table}`);
    for (const [table, rows] of snapshot) {
      for (const row of rows) {
        const cols = Object.keys(row);
        await tx.query(
          // Quoted: some columns are keywords (rights_requests."right").
          `insert into ${table} (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => row[c]),
        );
      }
    }
  });
}
