/** Reading exports into rows placed at the line each starts on. */
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/import/mapping-schema.ts';
import { readSource } from '../../src/import/read-source.ts';
import { files } from './helpers.ts';

const csv = (more: Partial<SourceSpec> = {}): SourceSpec => ({ format: 'csv', encoding: 'utf-8', ...more });
const lines = (text: string | Buffer, spec: SourceSpec = csv()) => {
  const data = readSource(files({ 'x.csv': text })['x.csv']!, spec);
  return {
    rows: data.rows.map((r) => [r.line, r.values]),
    problems: data.problems.map((p) => [p.line, p.reason]),
  };
};

describe('reading CSV', () => {
  const text = 'ref,note\nA,"one\ntwo"\n\nB,plain\nC,"three\nfour\nfive"\nD,last';

  it('places each row at its first line, after quoted line breaks and blank lines', () => {
    const expected = [
      [2, { ref: 'A', note: 'one\ntwo' }],
      [5, { ref: 'B', note: 'plain' }],
      [6, { ref: 'C', note: 'three\nfour\nfive' }],
      [9, { ref: 'D', note: 'last' }],
    ];
    expect(lines(text).rows).toEqual(expected);
    expect(lines(text.replace(/\n/g, '\r\n')).rows).toEqual(expected);
  });

  it('reports every unreadable row, not just the first', () => {
    expect(lines('a,b\n1,2\n3,4,5\n6,7\n8\n').problems).toEqual([
      [3, 'has a different number of fields from the header'],
      [5, 'has a different number of fields from the header'],
    ]);
    expect(lines('a,b\n1,2\n3,"open\n').problems).toEqual([[3, 'opens a quoted field that is never closed']]);
  });

  it('refuses a header naming a column twice', () => {
    expect(lines('a,b,a\n1,2,3\n').problems).toEqual([
      [1, 'names the column "a" more than once in the header'],
    ]);
  });

  it('follows the delimiter, header and encoding the mapping gives', () => {
    const spec = csv({
      encoding: 'windows-1252',
      csv: { delimiter: ';', quote: '"', header: false, columns: ['ref', 'rent'] },
    });
    const bytes = Buffer.concat([Buffer.from('A;'), Buffer.from([0xa3]), Buffer.from('95.50\n')]);
    expect(lines(bytes, spec).rows).toEqual([[1, { ref: 'A', rent: '£95.50' }]]);
    expect(lines(bytes).problems).toEqual([
      [undefined, "is not valid utf-8 text; check the mapping's encoding"],
    ]);
  });
});

describe('reading JSON', () => {
  const read = (name: string, text: string, format: 'json' | 'jsonl') => {
    const data = readSource(files({ [name]: text })[name]!, { format, encoding: 'utf-8' });
    return {
      rows: data.rows.map((r) => [r.line, r.values.ref]),
      problems: data.problems.map((p) => [p.line, p.reason]),
    };
  };

  it('places each element of an array at the line it opens on, and reports bad ones there', () => {
    const text =
      '[\n  {\n    "ref": "A",\n    "note": "a } ] \\" , inside"\n  },\n  { "ref": "B" },\n  { "ref": C },\n  "text",\n  { "ref": "E" }\n]\n';
    expect(read('x.json', text, 'json')).toEqual({
      rows: [
        [2, 'A'],
        [6, 'B'],
        [9, 'E'],
      ],
      problems: [
        [7, 'is not valid JSON'],
        [8, 'must be a JSON object'],
      ],
    });
    expect(read('x.json', '{"ref": "A"}', 'json').problems).toEqual([
      [1, 'must be a JSON array of objects (or use format: jsonl)'],
    ]);
    expect(read('x.json', '[{"ref": "A"},\n{"ref": "B"}', 'json').problems).toEqual([
      [2, 'ends before the array is closed'],
    ]);
  });

  it('reads JSON Lines one object a line', () => {
    expect(read('x.jsonl', '{"ref":"A"}\n\n{"ref":\n{"ref":"D"}\n', 'jsonl')).toEqual({
      rows: [
        [1, 'A'],
        [4, 'D'],
      ],
      problems: [[3, 'is not valid JSON']],
    });
  });
});
