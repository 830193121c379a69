/**
 * The one database interface every module uses, over either engine: PGlite (PostgreSQL in
 * WebAssembly, in this process) or a PostgreSQL server through node-postgres. Plain SQL with
 * numbered parameters; both engines return rows of the same shapes (see the type parsers).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters, e.g. a migration. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'embedded' | 'server';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type oids whose default JavaScript forms differ between the engines. */
export const TYPE_OIDS = { int8: 20, date: 1082, numeric: 1700 } as const;

/**
 * One reading for both engines: int8 as a JavaScript number (our counters stay far below 2^53),
 * dates as 'YYYY-MM-DD' strings (a Date would shift with the time zone), numeric as string.
 */
export const parseInt8 = (value: string): number => Number(value);
export const keepText = (value: string): string => value;
