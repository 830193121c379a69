/**
 * One gate: no module may read or write a personal-data table except the records module (which
 * calls the gate and the audit on every path) and the store's key handling beneath it. This test
 * reads every source file, so a new module that queries people or records directly fails it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
const PERSONAL_TABLES = [
  'people',
  'vault_person_keys',
  'person_lookup',
  'records',
  'mentions',
  'documents',
  'household_members',
  'tenancy_parties',
];
const ALLOWED = [
  /^records\//,
  /^store\/key-vault\.ts$/,
  /^store\/migrations\//,
  /^store\/vault-migrations\//,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|sql)$/.test(name) ? [path] : [];
  });
}

const TABLE_USE = new RegExp(
  `\\b(from|join|into|update|delete\\s+from|table)\\s+(${PERSONAL_TABLES.join('|')})\\b`,
  'i',
);

describe('the one-gate architecture', () => {
  const files = sourceFiles(SRC).map((path) => ({
    path: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => TABLE_USE.test(f.text))).toBe(true);
  });

  it('lets only the records module and key handling touch personal-data tables', () => {
    const offenders = files
      .filter((f) => !ALLOWED.some((a) => a.test(f.path)) && TABLE_USE.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('has the records module call the gate wherever it reads or writes', () => {
    for (const f of files.filter((x) => /^records\/(people|records)\.ts$/.test(x.path))) {
      expect(f.text, f.path).toMatch(/\bdecide\(/);
      expect(f.text, f.path).toMatch(/\bappendAudit\(/);
    }
  });
});
