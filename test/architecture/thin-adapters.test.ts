/**
 * Thin adapters: the web and command-line adapters hold no queries of their own on any table that
 * names a person. They call the domain modules (rights, consent, retention, records…), which check
 * the gate and write the audit. The tables are found from the migrations, so a new table with a
 * person_id column is covered the day it is added.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
const ADAPTERS = ['web', 'cli', 'app', 'main.ts'];
/** The resident's own sign-in account is the web adapter's to keep: it links an account to a person. */
const OWN_TABLES = ['web_resident_accounts'];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.(ts|sql)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** Every table a migration creates with a person_id column, and people itself. */
function tablesNamingPeople(): string[] {
  const tables = new Set(['people']);
  for (const dir of ['store/migrations', 'store/vault-migrations'])
    for (const path of files(join(SRC, dir))) {
      const sql = readFileSync(path, 'utf8');
      for (const m of sql.matchAll(/create table (?:if not exists )?(\w+)\s*\(([\s\S]*?)\n\);/gi))
        if (/\bperson_id\b/.test(m[2]!)) tables.add(m[1]!);
    }
  return [...tables].filter((t) => !OWN_TABLES.includes(t));
}

describe('thin adapters', () => {
  const tables = tablesNamingPeople();
  const use = new RegExp(`\\b(from|join|into|update|delete\\s+from)\\s+(${tables.join('|')})\\b`, 'i');

  it('finds the tables that name a person in the migrations', () => {
    expect(tables).toEqual(
      expect.arrayContaining(['people', 'records', 'rights_requests', 'consent_records']),
    );
  });

  it('keeps every query on them out of the web and command-line adapters', () => {
    const offenders = ADAPTERS.flatMap((a) => files(join(SRC, a)))
      .filter((path) => use.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(offenders).toEqual([]);
  });
});
