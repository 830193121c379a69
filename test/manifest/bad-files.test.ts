import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES } from '../../src/manifest/source.ts';
import { validateFile, validateText } from '../../src/manifest/validate.ts';
import { lineOf, starterText, TODAY, validateEdited } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-bad-'));
function fileWith(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('bad manifest files get one clear message each, never a crash', () => {
  it.each([
    ['empty', '', 'file/empty'],
    ['whitespace', '   \n\n', 'file/empty'],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'file/binary'],
    ['latin1', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]), 'file/encoding'],
    ['a list', '- one\n- two\n', 'file/not-a-mapping'],
    ['a scalar', 'just words\n', 'file/not-a-mapping'],
    ['malformed YAML', 'controller:\n  name: "unclosed\n', 'yaml/syntax'],
    ['duplicate keys', 'manifest: 1\nmanifest: 1\n', 'yaml/syntax'],
  ])('%s', (name, content, rule) => {
    const v = validateFile(fileWith(`${name}.yaml`, content), { today: TODAY });
    expect(v.manifest).toBeUndefined();
    expect(v.problems.map((p) => p.rule)).toContain(rule);
    for (const p of v.problems) expect(p.message).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('refuses a very large file without reading it into the parser', () => {
    const big = fileWith('big.yaml', Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20));
    expect(validateFile(big).problems.map((p) => p.rule)).toEqual(['file/too-large']);
  });

  it('reports a missing file', () => {
    expect(validateFile(join(dir, 'nope.yaml')).problems.map((p) => p.rule)).toEqual(['file/unreadable']);
  });

  it('places a YAML syntax error at its line', () => {
    const v = validateText('p.yaml', 'manifest: 1\ncontroller:\n  name: [unclosed\n  id: x\n');
    expect(v.problems[0]!.rule).toBe('yaml/syntax');
    expect(v.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('names the field and the reason for a wrong type, at its line and column', () => {
    const v = validateEdited({ set: ['controller', 'contacts', 0, 'kind'], value: 'emial' });
    const problem = v.problems[0]!;
    expect(problem.rule).toBe('schema/invalid-value');
    expect(problem.message).toContain('controller.contacts[0].kind must be one of email, phone');
    expect(problem.message).toContain('did you mean "email"');
    expect(problem.line).toBe(lineOf(v.text, 'kind: emial'));
    expect(problem.col).toBe(13);
  });

  it('suggests the nearest key for an unknown key', () => {
    const text = starterText().replace('    retention: cctv-30d', '    retension: cctv-30d');
    const v = validateText('privacy.yaml', text, { today: TODAY });
    const problem = v.problems.find((p) => p.rule === 'schema/unknown-key')!;
    expect(problem.message).toContain('retension is not a known key (did you mean "retention"?)');
    expect(problem.line).toBe(lineOf(text, 'retension:'));
  });

  it('reports a missing required field', () => {
    const v = validateEdited({ remove: ['controller', 'name'] });
    expect(v.problems.map((p) => [p.rule, p.message])).toContainEqual([
      'schema/missing',
      'controller.name is required',
    ]);
  });

  it('rejects a negative or unparsable retention period', () => {
    for (const period of ['-P6Y', 'six years', 'P', 'PT', '6Y']) {
      const v = validateEdited({ set: ['retention', 0, 'period'], value: period });
      expect(
        v.problems.map((p) => p.rule),
        period,
      ).toContain('schema/invalid');
    }
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const v = validateText('fuzz.yaml', text);
        expect(Array.isArray(v.problems)).toBe(true);
        expect(v.manifest === undefined || v.problems.length >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on structurally random manifests', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'manifest',
            'controller',
            'activities',
            'subjects',
            'categories',
            'notice',
            'roles',
          ),
          value,
        ),
        (obj) => {
          const v = validateText('fuzz.yaml', JSON.stringify(obj));
          expect(v.problems.length + (v.manifest ? 1 : 0)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports only the first YAML error, not its echoes', () => {
    const v = validateText('tabs.yaml', 'manifest: 1\ncontroller:\n\tname: x\n  id: y\nsubjects:\n\t- a\n');
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatchObject({ rule: 'yaml/syntax', line: 3 });
    expect(v.problems[0]!.message).toContain('more problem(s) after it');
  });

  it('recognises another format version and an import mapping in one line each', () => {
    const v2 = validateText('v2.yaml', starterText().replace('manifest: 1', 'manifest: 2'));
    expect(v2.problems.map((p) => p.rule)).toEqual(['manifest/unsupported-format']);
    const mapping = validateText('mapping.yaml', 'mapping: 1\npurpose: lettings\nsources: []\n');
    expect(mapping.problems.map((p) => p.rule)).toEqual(['file/not-a-manifest']);
  });
});
