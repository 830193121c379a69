/**
 * The record's breach columns from a synthetic register: a breach counts against the activities
 * it names, or else every activity whose categories overlap its own; near misses and other activities say "No breach recorded";
 * without a register (the CLI) every format is exactly what the manifest alone gives.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/manifest/validate.ts';
import {
  breachesByActivity,
  RECORD_SHEET,
  ROPA_COLUMNS,
  ropaCsv,
  ropaJsonLd,
  ropaRows,
  ropaXlsx,
  type JsonLdNode,
  type RegisterBreach,
  type RopaRow,
} from '../../src/notice/ropa/index.ts';

const STARTER = new URL('../../src/manifest/starter.yaml', import.meta.url).pathname;
const starter = loadManifest(STARTER, { today: '2026-12-01' });

const OCCURRED = 'Has a personal data breach occurred?';
const LINK = 'Link to record of personal data breach';

// Starter categories: "images" is held by asb, cctv and subject-access; "online" by website and
// subject-access; "ethnicity" by equality-monitoring and subject-access.
const REGISTER: RegisterBreach[] = [
  { id: 'b1', reference: 'B-00000001', kind: 'breach', categories: ['images'] },
  { id: 'b2', reference: 'B-00000002', kind: 'breach', categories: ['ethnicity', 'images'] },
  { id: 'b3', reference: 'B-00000003', kind: 'near-miss', categories: ['online'] },
];
const link = (b: RegisterBreach) => `https://homes.example/staff/breaches/${b.id}`;
const breaches = breachesByActivity(starter, REGISTER, link);

function rowsById(options = { breaches }): Map<string, RopaRow> {
  const rows = ropaRows(starter, options);
  return new Map(starter.activities.map((a, i) => [a.id, rows[i]!]));
}

describe('breaches linked to activities by category', () => {
  it('says Yes with the references and links where the categories overlap', () => {
    const rows = rowsById();
    expect(rows.get('cctv')![OCCURRED]).toBe('Yes: 2 (B-00000001, B-00000002)');
    expect(rows.get('cctv')![LINK]).toBe(
      'https://homes.example/staff/breaches/b1\nhttps://homes.example/staff/breaches/b2',
    );
    expect(rows.get('asb')![OCCURRED]).toBe('Yes: 2 (B-00000001, B-00000002)');
    expect(rows.get('equality-monitoring')![OCCURRED]).toBe('Yes: 1 (B-00000002)');
    expect(rows.get('equality-monitoring')![LINK]).toBe('https://homes.example/staff/breaches/b2');
  });

  it('says No breach recorded where none overlaps, and does not count a near miss', () => {
    const rows = rowsById();
    for (const id of ['lettings', 'newsletters', 'website', 'data-breaches']) {
      expect(rows.get(id)![OCCURRED], id).toBe('No breach recorded');
      expect(rows.get(id)![LINK], id).toBe('');
    }
  });

  it('links by reference when no address is given', () => {
    const byReference = breachesByActivity(starter, REGISTER);
    expect(byReference.get('cctv')).toEqual([
      { reference: 'B-00000001', link: 'B-00000001' },
      { reference: 'B-00000002', link: 'B-00000002' },
    ]);
  });

  it('carries the breach columns into the CSV, the workbook and the JSON-LD', async () => {
    const records = parse(ropaCsv(starter, { breaches, bom: true }), {
      bom: true,
      relax_column_count: true,
    }) as string[][];
    const header = records.findIndex((r) => r[0] === ROPA_COLUMNS[0]);
    const occurred = ROPA_COLUMNS.indexOf(OCCURRED);
    const cells = records.slice(header + 1).map((r) => r[occurred]);
    expect(cells).toEqual(ropaRows(starter, { breaches }).map((r) => r[OCCURRED]));
    expect(cells).toContain('Yes: 2 (B-00000001, B-00000002)');

    const book = new ExcelJS.Workbook();
    const bytes = await ropaXlsx(starter, { breaches });
    // exceljs types its input as an ArrayBuffer; hand it exactly the workbook's bytes.
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const cctvRow = starter.activities.findIndex((a) => a.id === 'cctv') + 2;
    expect(
      book
        .getWorksheet(RECORD_SHEET)!
        .getRow(cctvRow)
        .getCell(occurred + 1).value,
    ).toBe('Yes: 2 (B-00000001, B-00000002)');

    const graph = ropaJsonLd(starter, { breaches })['@graph'];
    const process = (id: string) => graph.find((n) => n['dct:identifier'] === id) as JsonLdNode;
    expect(process('cctv')['custos-gb:hasPersonalDataBreach']).toEqual([
      {
        '@id': 'https://homes.example/staff/breaches/b1',
        '@type': 'custos-gb:PersonalDataBreach',
        'dct:identifier': 'B-00000001',
      },
      {
        '@id': 'https://homes.example/staff/breaches/b2',
        '@type': 'custos-gb:PersonalDataBreach',
        'dct:identifier': 'B-00000002',
      },
    ]);
    expect(process('website')).not.toHaveProperty('custos-gb:hasPersonalDataBreach');
  });

  it('links a breach that names its activities to those only, whatever its categories', () => {
    const named: RegisterBreach[] = [
      { id: 'b4', reference: 'B-00000004', kind: 'breach', categories: ['images'], activities: ['website'] },
      { id: 'b5', reference: 'B-00000005', kind: 'breach', categories: ['online'], activities: [] },
      { id: 'b6', reference: 'B-00000006', kind: 'near-miss', categories: [], activities: ['lettings'] },
    ];
    const rows = rowsById({ breaches: breachesByActivity(starter, named) });
    // b4 names website only, so its "images" does not reach cctv; b5 names none, so it falls
    // back to its category ("online": website and subject-access); b6 is a near miss.
    expect(rows.get('website')![OCCURRED]).toBe('Yes: 2 (B-00000004, B-00000005)');
    expect(rows.get('subject-access')![OCCURRED]).toBe('Yes: 1 (B-00000005)');
    for (const id of ['cctv', 'asb', 'lettings'])
      expect(rows.get(id)![OCCURRED], id).toBe('No breach recorded');
  });

  it('gives the manifest-only record unchanged when the register is empty or not read', async () => {
    const none = { breaches: breachesByActivity(starter, []) };
    expect(ropaCsv(starter, none)).toBe(ropaCsv(starter));
    expect(ropaJsonLd(starter, none)).toEqual(ropaJsonLd(starter));
    expect(await ropaXlsx(starter, none)).toEqual(await ropaXlsx(starter));
    for (const row of ropaRows(starter)) {
      expect(row[OCCURRED]).toBe('No breach recorded');
      expect(row[LINK]).toBe('');
    }
  });
});
