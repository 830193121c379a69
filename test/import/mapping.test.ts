/** Mapping files: shape, then names checked against the manifest, all before any data is read. */
import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/import/check-mapping.ts';
import { importFiles } from '../../src/import/import.ts';
import { MappingError, parseMapping } from '../../src/import/load-mapping.ts';
import { formatProblem } from '../../src/manifest/problems.ts';
import type { Store } from '../../src/records/store.ts';
import { controllerId, files, manifest } from './helpers.ts';

const manifests = new Map([[controllerId, manifest]]);

const base = `mapping: 1
purpose: tenancy-management
sources:
  - format: csv
    people:
      key: ref
      subjectTypes: [tenant]
      fields:
        givenName: first
        familyName: last
    records:
      - recordType: contact-log
        person: ref
        fields:
          channel: { column: how, values: { PH: phone } }
          occurredAt: { column: when, date: DD/MM/YYYY HH:mm }
`;

/** The mapping's problems as `custos import` prints them, or [] when it is good. */
function problems(text: string, controller?: string): string[] {
  try {
    planImport(parseMapping('m.yaml', text), manifests, controller);
    return [];
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return error.problems.map(formatProblem);
  }
}

describe('import mappings', () => {
  it('accepts the base mapping', () => {
    expect(problems(base)).toEqual([]);
  });

  it('suggests the key meant for an unknown one, at its line', () => {
    expect(problems(base.replace('    people:', '    peple:'))).toEqual([
      'm.yaml:5:5 mapping/unknown-key sources[0].peple is not a known key (did you mean "people"?)',
    ]);
    expect(problems(base.replace('{ column: how,', '{ colum: how,'))).toEqual([
      'm.yaml:15:22 mapping/unknown-key sources[0].records[0].fields.channel.colum is not a known key (did you mean "column"?)',
    ]);
    expect(problems(base.replace('format: csv', 'format: xlsx'))).toEqual([
      'm.yaml:4:13 mapping/invalid sources[0].format must be one of csv, json, jsonl',
    ]);
  });

  it('refuses unknown record types, fields, subjects and purposes, with suggestions', () => {
    expect(problems(base.replace('recordType: contact-log', 'recordType: contact-logs'))).toEqual([
      'm.yaml:12:21 mapping/manifest "contact-logs" is not a record type of brookvale-homes (did you mean "contact-log"?)',
    ]);
    expect(problems(base.replace('channel:', 'chanel:'))).toEqual([
      'm.yaml:15:11 mapping/manifest "chanel" is not a field of Contact log (did you mean "channel"?)',
    ]);
    expect(
      problems(base.replace('[tenant]', '[tennant]').replace('tenancy-management', 'tenancy-managment')),
    ).toEqual([
      'm.yaml:2:10 mapping/manifest "tenancy-managment" is not an activity of brookvale-homes (did you mean "tenancy-management"?)',
      'm.yaml:7:22 mapping/manifest "tennant" is not a data subject of brookvale-homes (did you mean "tenant"?)',
    ]);
    expect(problems(base.replace('familyName: last', 'surname: last'))).toEqual([
      'm.yaml:9:9 mapping/manifest Personal details requires familyName, which the mapping does not fill',
      'm.yaml:10:9 mapping/manifest "surname" is not a field of Personal details',
    ]);
  });

  it('refuses record types the purpose does not cover, value maps outside an enum, and dates without a format', () => {
    expect(problems(base.replace('purpose: tenancy-management', 'purpose: repairs'))).toEqual([
      'm.yaml:12:21 mapping/manifest Contact log records do not serve repairs; import them with a mapping for tenancy-management or subject-access',
    ]);
    expect(problems(base.replace('PH: phone', 'PH: phon'))).toEqual([
      `m.yaml:15:49 mapping/manifest "phon" is not one of contact-log.channel's values (phone, email, letter, visit, portal) (did you mean "phone"?)`,
    ]);
    expect(problems(base.replace('{ column: when, date: DD/MM/YYYY HH:mm }', 'when'))).toEqual([
      'm.yaml:16:23 mapping/manifest contact-log.occurredAt is a date: give its format, e.g. date: DD/MM/YYYY (dates are never guessed)',
    ]);
    expect(problems(base.replace('DD/MM/YYYY HH:mm', 'DD/MM/YY'))).toEqual([
      'm.yaml:16:45 mapping/manifest date format a two-digit year (YY) is ambiguous; use YYYY',
    ]);
  });

  it('needs a match for each of several sources, and a known controller', () => {
    const two = `${base}  - format: jsonl\n    records: []\n`;
    expect(problems(two)).toEqual([
      'm.yaml:4:5 mapping/manifest needs match: (its file name) when the mapping has several sources',
      'm.yaml:17:5 mapping/manifest needs match: (its file name) when the mapping has several sources',
      'm.yaml:17:5 mapping/manifest says nothing to import: give people, households or records',
    ]);
    expect(problems(base, 'brookvale-home')).toEqual([
      'm.yaml:1:1 mapping/controller controller "brookvale-home" (from --controller) is not one the store knows (did you mean "brookvale-homes"?)',
    ]);
  });

  it('refuses a bad mapping before reading any data', async () => {
    const f = files({ 'm.yaml': base.replace('recordType: contact-log', 'recordType: repairs') });
    // The store is never touched and the data file does not exist: the mapping stops everything first.
    const store = { manifests } as unknown as Store;
    const error = await importFiles(store, {
      mappingFile: f['m.yaml']!,
      files: ['/nonexistent/export.csv'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).problems.map((p) => p.message)).toEqual([
      '"repairs" is not a record type of brookvale-homes (did you mean "repair"?)',
    ]);
  });
});
