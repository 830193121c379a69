import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { custos } from './run-cli.ts';

const STARTER = new URL('../../src/manifest/starter.yaml', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'custos-cli-'));

describe('the custos command', () => {
  it('init writes a starter manifest that validates, and will not overwrite it', () => {
    const init = custos(['init'], work);
    expect(init.code).toBe(0);
    const validate = custos(['validate', 'privacy.yaml'], work);
    expect(validate.stderr).toContain('privacy.yaml: valid');
    expect(validate.code).toBe(0);
    const again = custos(['init'], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('validate prints file:line:col rule-id message and exits non-zero on errors', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(STARTER, 'utf8').replace(
        'recipients: [police]\n    retention: cctv-30d',
        'recipients: [polise]\n    retention: cctv-30d',
      ),
    );
    const r = custos(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${bad}:\\d+:\\d+ ref/dangling "polise" is not a declared recipient \\(did you mean "police"\\?\\)$`,
        'm',
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate --json gives the problems as data', () => {
    const r = custos(['validate', '--json', join(work, 'bad.yaml')]);
    const problems = JSON.parse(r.stdout) as { rule: string; line: number }[];
    expect(problems.some((p) => p.rule === 'ref/dangling' && p.line > 1)).toBe(true);
  });

  it('explains a missing, empty or binary file without a stack trace', () => {
    writeFileSync(join(work, 'empty.yaml'), '');
    writeFileSync(join(work, 'bin.yaml'), Buffer.from([0, 1, 2, 3, 255]));
    for (const [file, rule] of [
      ['missing.yaml', 'file/unreadable'],
      ['empty.yaml', 'file/empty'],
      ['bin.yaml', 'file/binary'],
    ]) {
      const r = custos(['validate', join(work, file!)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(rule);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('notice renders every format', () => {
    const txt = custos(['notice', STARTER, '--format', 'txt']);
    expect(txt.code).toBe(0);
    expect(txt.stdout).toContain('Your rights');
    const md = custos(['notice', STARTER, '--format', 'md']);
    expect(md.stdout).toMatch(/^# How we use your personal information/);
    const html = custos(['notice', STARTER, '--format', 'html']);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const out = join(work, 'notice.pdf');
    const pdf = custos(['notice', STARTER, '--format', 'pdf', '--out', out]);
    expect(pdf.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('notice --jit renders the short notice, and suggests the nearest activity when mistyped', () => {
    const jit = custos(['notice', STARTER, '--format', 'txt', '--jit', 'lettings']);
    expect(jit.stdout).toContain('We use this to assess your application');
    const typo = custos(['notice', STARTER, '--jit', 'letings']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "lettings"');
  });

  it('refuses to render an invalid manifest', () => {
    const r = custos(['notice', join(work, 'bad.yaml'), '--format', 'txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is not a valid manifest');
  });

  it('rejects an unknown format and an unknown command', () => {
    expect(custos(['notice', STARTER, '--format', 'docx']).code).toBe(2);
    expect(custos(['frobnicate']).code).toBe(2);
  });

  it('ropa writes the record of processing as CSV, XLSX and DPV JSON-LD', () => {
    // No store here, so the record is the manifest's alone (test/breaches/cli.test.ts reads one).
    const noStore = { DATABASE_URL: '', CUSTOS_DATA_DIR: join(work, 'no-store') };
    const ropa = (args: string[]) => custos(['ropa', STARTER, ...args], undefined, noStore);
    const csv = ropa(['--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('Business function,Purpose of processing');
    expect(csv.stdout).not.toContain('Yes: ');
    expect(csv.stderr).toContain('Breach columns: manifest only (no Custos store here');
    const json = JSON.parse(ropa(['--format', 'jsonld']).stdout) as {
      '@graph': unknown[];
    };
    expect(json['@graph'].length).toBeGreaterThan(5);
    const out = join(work, 'ropa.xlsx');
    expect(ropa(['--format', 'xlsx', '--out', out]).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('diff lists material changes people must be told about', () => {
    const next = join(work, 'next.yaml');
    writeFileSync(
      next,
      readFileSync(STARTER, 'utf8').replace('    retention: cctv-30d', '    retention: tenancy-ended'),
    );
    const same = custos(['diff', STARTER, STARTER]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No changes');
    const r = custos(['diff', STARTER, next, '--fail-on-material']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Material changes');
    expect(r.stdout).toContain('CCTV and call recording');
  });

  it('explains output it cannot write, a format that does not match the file name, and a bad date', () => {
    const missing = custos(['notice', STARTER, '--out', join(work, 'no-such-folder', 'notice.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('its folder does not exist');
    const mismatch = custos(['notice', STARTER, '--out', join(work, 'notice.pdf')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('looks like pdf but --format is html');
    const folder = custos(['ropa', STARTER, '--out', work, '--manifest-only']);
    expect(folder.stderr).toContain('it is a folder');
    const today = custos(['validate', '--today', '2026-02-31', STARTER]);
    expect(today.code).toBe(2);
    expect(today.stderr).toContain('is not a date written YYYY-MM-DD');
    for (const r of [missing, mismatch, folder, today]) expect(r.stderr).not.toContain('internal error');
  });

  it('prints its version, and will not inspect a store that does not exist', () => {
    expect(custos(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const none = custos(['audit', 'verify'], undefined, {
      CUSTOS_DATA_DIR: join(work, 'no-store'),
      DATABASE_URL: '',
    });
    expect(none.code).toBe(78);
    expect(none.stderr).toContain('there is no Custos store');
    expect(existsSync(join(work, 'no-store'))).toBe(false);
  });
});
