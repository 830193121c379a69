/** Aggregate-only access in the manifest: declared per access entry, never together with write. */
import { describe, expect, it } from 'vitest';
import { rulesOf, validateEdited } from './helpers.ts';

describe('aggregate access', () => {
  it('accepts an aggregate-only entry', () => {
    const v = validateEdited({
      set: ['roles', 0, 'access', 1],
      value: { recordType: 'contact-log', fields: '*', aggregate: true },
    });
    expect(rulesOf(v)).not.toContain('role/aggregate-with-write');
  });

  it('refuses aggregate with write, at the aggregate field', () => {
    const v = validateEdited({
      set: ['roles', 0, 'access', 1],
      value: { recordType: 'contact-log', fields: '*', write: true, aggregate: true },
    });
    expect(rulesOf(v)).toContain('role/aggregate-with-write');
    const problem = v.problems.find((p) => p.rule === 'role/aggregate-with-write')!;
    expect(problem.message).toContain('"aggregate"');
    expect(problem.message).toContain('"write"');
    expect(v.text.split('\n')[problem.line! - 1]).toContain('aggregate');
  });
});
