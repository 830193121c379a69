import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Activity, LawfulBasis, Manifest } from '../../src/manifest/schema.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { DPV_PREFIXES } from '../../src/manifest/vocabulary/dpv.ts';
import {
  controllerBlock,
  csvField,
  RECORD_SHEET,
  CONTROLLER_SHEET,
  ROPA_COLUMNS,
  ropaCsv,
  ropaJsonLd,
  ropaRows,
  ropaXlsx,
  rowCells,
  type JsonLdNode,
  type RopaRow,
} from '../../src/notice/ropa/index.ts';
import { periodWords } from '../../src/manifest/words.ts';

const STARTER = new URL('../../src/manifest/starter.yaml', import.meta.url).pathname;
const starter = loadManifest(STARTER, { today: '2026-12-01' });

/** A copy of the starter manifest, changed by `change`: the starter itself is never touched. */
function variant(change: (m: Manifest) => void): Manifest {
  const copy = structuredClone(starter);
  change(copy);
  return copy;
}

function activity(m: Manifest, id: string): Activity {
  const found = m.activities.find((a) => a.id === id);
  if (!found) throw new Error(`no activity ${id}`);
  return found;
}

function rowFor(m: Manifest, id: string): RopaRow {
  const index = m.activities.findIndex((a) => a.id === id);
  const row = ropaRows(m)[index];
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

const basis = (fields: Partial<LawfulBasis> & Pick<LawfulBasis, 'basis'>): LawfulBasis => ({
  schedule1: [],
  explicit: false,
  ...fields,
});

/** The ICO template's headings, copied from shared/domain/uk-rules.md §4: the oracle for the columns. */
const ICO_HEADINGS = [
  'Business function',
  'Purpose of processing',
  'Name and contact details of joint controller (if applicable)',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Names of third countries or international organisations that personal data are transferred to (if applicable)',
  'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
  'Retention schedule (if possible)',
  'General description of technical and organisational security measures (if possible)',
  'Article 6 lawful basis for processing personal data',
  'Article 9 condition for processing special category data',
  'Legitimate interests for the processing (if applicable)',
  'Link to record of legitimate interests assessment (if applicable)',
  'Rights available to individuals',
  'Existence of automated decision-making, including profiling (if applicable)',
  'The source of the personal data (if applicable)',
  'Link to record of consent',
  'Location of personal data',
  'Data Protection Impact Assessment required?',
  'Data Protection Impact Assessment progress',
  'Link to Data Protection Impact Assessment',
  'Has a personal data breach occurred?',
  'Link to record of personal data breach',
  'Data Protection Act 2018 Schedule 1 Condition for processing',
  'GDPR Article 6 lawful basis for processing',
  'Link to retention and erasure policy document',
  'Is personal data retained and erased in accordance with the policy document?',
  'Reasons for not adhering to policy document (if applicable)',
];

describe('ropaRows', () => {
  it('has the 30 columns of the ICO template, in order, with its exact headings', () => {
    expect(ROPA_COLUMNS).toEqual(ICO_HEADINGS);
    for (const row of ropaRows(starter)) expect(Object.keys(row)).toEqual(ICO_HEADINGS);
  });

  it('gives one row per activity, in the manifest’s order', () => {
    const rows = ropaRows(starter);
    expect(rows).toHaveLength(starter.activities.length);
    expect(rows.map((r) => r['Business function'])).toEqual(
      starter.activities.map((a) => a.function ?? a.name),
    );
    const fewer = variant((m) => m.activities.splice(1, 2));
    expect(ropaRows(fewer)).toHaveLength(starter.activities.length - 2);
  });

  it('marks special category and criminal offence data among the categories', () => {
    const cell = rowFor(starter, 'lettings')['Categories of personal data'];
    expect(cell).toContain('Physical or mental health and disability (special category)');
    expect(cell).toContain('Criminal offences and allegations (criminal offence data)');
    expect(cell).toContain('Contact details;');
    expect(cell).not.toContain('Contact details (');
  });

  it('shows a special category activity’s Art. 9 condition and its Schedule 1 paragraphs with labels', () => {
    const row = rowFor(starter, 'asb');
    expect(row['Article 9 condition for processing special category data']).toBe(
      'Art. 9(2)(g) Reasons of substantial public interest (for Physical or mental health and disability)',
    );
    expect(row['Data Protection Act 2018 Schedule 1 Condition for processing'].split('\n')).toEqual([
      'Art. 9(2)(g) with Sch. 1 Pt 2 para 10: Preventing or detecting unlawful acts',
      'Art. 9(2)(g) with Sch. 1 Pt 2 para 18: Safeguarding of children and of individuals at risk',
      'Art. 10 with Sch. 1 Pt 2 para 10: Preventing or detecting unlawful acts',
    ]);
    // Column 27 names only the bases behind the special category and criminal offence data.
    expect(row['GDPR Article 6 lawful basis for processing']).not.toContain('Anti-social Behaviour');
    expect(row['GDPR Article 6 lawful basis for processing']).toContain('Public task (Art. 6(1)(e))');
  });

  it('says "Not applicable" to the special category columns of an activity without such data', () => {
    const row = rowFor(starter, 'newsletters');
    expect(row['Article 9 condition for processing special category data']).toBe('Not applicable');
    expect(row['Data Protection Act 2018 Schedule 1 Condition for processing']).toBe('Not applicable');
    expect(row['Link to retention and erasure policy document']).toBe('Not applicable');
  });

  it('does not offer erasure, portability or objection for an activity on legal obligation alone', () => {
    const m = variant((v) => {
      activity(v, 'tenancy-management').lawfulBases = [
        basis({ basis: 'legal-obligation', detail: 'Housing Act 1985' }),
      ];
    });
    const rights = rowFor(m, 'tenancy-management')['Rights available to individuals'];
    expect(rights).not.toMatch(/erasure|portability|object/i);
    expect(rights).toContain('The right of access (Article 15)');
    expect(rights).toContain('The right to restrict processing (Article 18)');
  });

  it('qualifies a right that only some of an activity’s bases carry', () => {
    const rights = rowFor(starter, 'lettings')['Rights available to individuals'].split('\n');
    expect(rights).toContain('The right to erasure (Article 17), where we rely on contract');
    expect(rights).toContain('The right to restrict processing (Article 18)');
  });

  it('points to the consent ledger, and lists withdrawal, where consent is the basis', () => {
    const row = rowFor(starter, 'newsletters');
    expect(row['Link to record of consent']).toBe('Custos consent ledger');
    expect(row['Rights available to individuals']).toContain('The right to withdraw consent');
    expect(rowFor(starter, 'lettings')['Link to record of consent']).toBe('Not applicable');
  });

  it('gives legitimate interests and their assessment references', () => {
    const row = rowFor(starter, 'support');
    expect(row['Legitimate interests for the processing (if applicable)']).toContain(
      'Helping customers sustain their tenancies',
    );
    expect(row['Link to record of legitimate interests assessment (if applicable)']).toBe('LIA-01');
  });

  it('writes retention in the rule’s words, or builds them from period, trigger and action', () => {
    expect(rowFor(starter, 'tenancy-management')['Retention schedule (if possible)']).toBe(
      '6 years after your tenancy ends (Limitation Act 1980)',
    );
    const m = variant((v) => {
      const rule = v.retention.find((r) => r.id === 'tenancy-ended')!;
      delete rule.description;
      rule.period = 'P1Y6M';
    });
    expect(rowFor(m, 'tenancy-management')['Retention schedule (if possible)']).toBe(
      '1 year and 6 months after the tenancy ends, then erased (Limitation Act 1980)',
    );
  });

  it('fills transfers, safeguards, automated decisions and processor contracts when the manifest has them', () => {
    const m = variant((v) => {
      const it = v.recipients.find((r) => r.id === 'it-provider')!;
      it.agreements.push({
        id: 'it-dpa',
        type: 'processor-contract',
        reference: 'DPA-2025-07',
        categories: [],
        activities: [],
      });
      const tm = activity(v, 'tenancy-management');
      tm.transfers = [{ country: 'US', recipient: 'it-provider', safeguard: 'adequacy' }];
      tm.automatedDecisions = [
        {
          id: 'arrears-score',
          name: 'Arrears risk score',
          logic: 'Scores payment history',
          significance: 'Decides who is called first',
          humanReview: 'Ask your housing officer',
          profiling: true,
        },
      ];
    });
    const row = rowFor(m, 'tenancy-management');
    expect(row['Link to contract with processor']).toBe('Our IT and cloud hosting providers: DPA-2025-07');
    expect(
      row[
        'Names of third countries or international organisations that personal data are transferred to (if applicable)'
      ],
    ).toBe('United States (US), to Our IT and cloud hosting providers');
    expect(
      row[
        'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)'
      ],
    ).toBe('United States (US): UK adequacy regulations (data bridge)');
    expect(row['Existence of automated decision-making, including profiling (if applicable)']).toContain(
      'Arrears risk score',
    );
    expect(row['Existence of automated decision-making, including profiling (if applicable)']).toContain(
      'Includes profiling',
    );
    expect(row['Rights available to individuals']).toContain('Rights about automated decision-making');

    const plain = rowFor(starter, 'tenancy-management');
    expect(plain['Link to contract with processor']).toBe(
      'Our IT and cloud hosting providers: no contract recorded',
    );
    expect(plain['Existence of automated decision-making, including profiling (if applicable)']).toBe('None');
    expect(plain['Rights available to individuals']).not.toContain('automated');
  });

  it('leaves the breach columns to the breach register', () => {
    for (const row of ropaRows(starter)) {
      expect(row['Has a personal data breach occurred?']).toBe('No breach recorded');
      expect(row['Link to record of personal data breach']).toBe('');
    }
  });

  it('puts the controller, DPO and representative in the controller block', () => {
    const [controller, dpo, representative] = controllerBlock(starter);
    expect(controller).toEqual({
      role: 'Controller',
      name: 'Example Homes Limited',
      address: '1 Example Street, Exampletown, EX1 1AA',
      email: 'dataprotection@example-homes.org.uk',
      phone: '0300 000 0000',
    });
    expect(dpo?.email).toBe('dpo@example-homes.org.uk');
    expect(representative?.name).toBe('Not applicable');
  });
});

describe('periodWords', () => {
  it.each([
    ['P6Y', '6 years'],
    ['P1Y', '1 year'],
    ['P1Y6M', '1 year and 6 months'],
    ['P30D', '30 days'],
    ['P1Y2M3D', '1 year, 2 months and 3 days'],
    ['PT12H', '12 hours'],
    ['PT1H30M', '1 hour and 30 minutes'],
  ])('%s is "%s"', (period, words) => expect(periodWords(period)).toBe(words));
});

/**
 * A strict RFC 4180 reader, written here so the test does not trust the writer's own helpers:
 * records end in CRLF only, and a bare LF or CR outside quotes is an error.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const end = readQuoted(text, i + 1);
      field = end.value;
      i = end.next;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after quote at ${i}`);
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start;
  for (;;) {
    if (i >= text.length) throw new Error('unclosed quote');
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      return { value, next: i + 1 };
    }
    value += text[i];
    i += 1;
  }
}

describe('ropaCsv', () => {
  const tricky = variant((m) => {
    const lettings = activity(m, 'lettings');
    lettings.function = '=cmd|/C calc!A0';
    lettings.purpose = 'To let homes, say "fairly",\nand quickly.';
    m.controller.name = '@Example, "Homes"';
  });

  it('reads back as the controller block, a blank record, the header and one record per activity', () => {
    const records = parseCsv(ropaCsv(starter));
    for (const record of records) expect(record).toHaveLength(ICO_HEADINGS.length);
    expect(records[0]!.slice(0, 5)).toEqual([
      'Name and contact details',
      'Name',
      'Address',
      'Email',
      'Telephone',
    ]);
    expect(records.slice(1, 4).map((r) => r[0])).toEqual([
      'Controller',
      'Data Protection Officer',
      'Representative',
    ]);
    expect(records[1]![2]).toBe('1 Example Street, Exampletown, EX1 1AA');
    expect(records[4]!.every((f) => f === '')).toBe(true);
    expect(records[5]).toEqual(ICO_HEADINGS);
    expect(records.slice(6)).toEqual(ropaRows(starter).map(rowCells));
  });

  it('quotes commas, quotes and line breaks so they survive the round trip', () => {
    const records = parseCsv(ropaCsv(tricky));
    const lettings = records[6 + tricky.activities.findIndex((a) => a.id === 'lettings')]!;
    expect(lettings[1]).toBe('Applications and lettings: To let homes, say "fairly",\nand quickly.');
    expect(ropaCsv(tricky)).toContain(
      '"Applications and lettings: To let homes, say ""fairly"",\nand quickly."',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const records = parseCsv(ropaCsv(tricky));
    const lettings = records[6 + tricky.activities.findIndex((a) => a.id === 'lettings')]!;
    expect(lettings[0]).toBe("'=cmd|/C calc!A0");
    expect(records[1]![1]).toBe(`'@Example, "Homes"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('a = b')).toBe('a = b');
  });

  it('adds a byte order mark only when asked', () => {
    expect(ropaCsv(starter).startsWith('\uFEFF')).toBe(false);
    expect(ropaCsv(starter, { bom: true }).startsWith('\uFEFFName and contact details')).toBe(true);
  });
});

describe('ropaXlsx', () => {
  async function load(m: Manifest): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    const bytes = await ropaXlsx(m);
    // exceljs types its input as an ArrayBuffer; hand it exactly the workbook's bytes.
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    return workbook;
  }

  it('reloads with the header and one row per activity', async () => {
    const workbook = await load(starter);
    const sheet = workbook.getWorksheet(RECORD_SHEET)!;
    expect(sheet.rowCount).toBe(starter.activities.length + 1);
    const cells = (r: number) => ICO_HEADINGS.map((_, c) => sheet.getRow(r).getCell(c + 1).value ?? '');
    expect(cells(1)).toEqual(ICO_HEADINGS);
    ropaRows(starter).forEach((row, i) => expect(cells(i + 2)).toEqual(rowCells(row)));
  });

  it('has a bold, frozen, wrapped header and columns of sensible width', async () => {
    const sheet = (await load(starter)).getWorksheet(RECORD_SHEET)!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).getCell(5).alignment?.wrapText).toBe(true);
    for (let c = 1; c <= ICO_HEADINGS.length; c += 1) {
      expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(14);
      expect(sheet.getColumn(c).width).toBeLessThanOrEqual(60);
    }
  });

  it('has a Controller sheet with the contact block', async () => {
    const sheet = (await load(starter)).getWorksheet(CONTROLLER_SHEET)!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Example Homes Limited');
    expect(sheet.getRow(3).getCell(1).value).toBe('Data Protection Officer');
  });

  it('stores a formula-like value as text, not as a formula', async () => {
    const m = variant((v) => (activity(v, 'lettings').function = '=HYPERLINK("http://evil")'));
    const sheet = (await load(m)).getWorksheet(RECORD_SHEET)!;
    expect(sheet.getRow(2).getCell(1).value).toBe('=HYPERLINK("http://evil")');
  });
});

/** Expands a compact IRI through the document's own context, as a JSON-LD processor would. */
function expand(term: string, context: Record<string, unknown>): string {
  if (/^(urn|https?):/.test(term)) return term;
  const colon = term.indexOf(':');
  const base = colon > 0 ? context[term.slice(0, colon)] : undefined;
  if (typeof base !== 'string') throw new Error(`"${term}" has no prefix in the context`);
  return base + term.slice(colon + 1);
}

/** Every IRI in the document, expanded: keys, types, ids, and values of properties typed "@id". */
function expandAll(value: unknown, context: Record<string, unknown>, iriValued = false): string[] {
  if (typeof value === 'string') return iriValued ? [expand(value, context)] : [];
  if (Array.isArray(value)) return value.flatMap((v) => expandAll(v, context, iriValued));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === '@context') return [];
    if (key === '@id' || key === '@type') return expandAll(v, context, true);
    if (key.startsWith('@')) return expandAll(v, context);
    const coerced = (context[key] as { '@type'?: string } | undefined)?.['@type'] === '@id';
    return [expand(key, context), ...expandAll(v, context, coerced)];
  });
}

describe('ropaJsonLd', () => {
  const doc = ropaJsonLd(starter);
  const context = doc['@context'] as Record<string, unknown>;
  const processes = doc['@graph'].filter((n) => n['@type'] === 'dpv:Process');
  const processFor = (d: typeof doc, id: string) =>
    d['@graph'].find((n) => n['dct:identifier'] === id) as JsonLdNode;

  it('is JSON that round-trips unchanged', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('has the DPV prefixes in its context and a controller', () => {
    expect(context).toMatchObject(DPV_PREFIXES);
    const controller = doc['@graph'].find((n) => n['@type'] === 'dpv:DataController');
    expect(controller?.['dpv:hasName']).toBe('Example Homes Limited');
  });

  it('has one dpv:Process per activity, each with its own IRI', () => {
    expect(processes.map((p) => p['dct:identifier'])).toEqual(starter.activities.map((a) => a.id));
    expect(new Set(processes.map((p) => p['@id'])).size).toBe(starter.activities.length);
  });

  it('expands every compact IRI through its context to the DPV namespaces', () => {
    const iris = expandAll(doc, context);
    expect(iris).toContain('https://w3id.org/dpv#Process');
    expect(iris).toContain('https://w3id.org/dpv/pd#Health');
    expect(iris).toContain('https://w3id.org/dpv/legal/eu/gdpr#A9-2-g');
    expect(iris).toContain('https://custos.dev/vocab/gb#DPA2018-Sch1-Para18');
    for (const iri of iris) expect(iri).toMatch(/^(https?|urn):/);
  });

  it('names the bases, data, subjects and retention of an activity in DPV terms', () => {
    const asb = processFor(doc, 'asb');
    expect(asb['dpv:hasLegalBasis']).toEqual([
      'eu-gdpr:A6-1-c',
      'eu-gdpr:A6-1-e',
      'eu-gdpr:A9-2-g',
      'custos-gb:DPA2018-Sch1-Para10',
      'custos-gb:DPA2018-Sch1-Para18',
      'custos-gb:Art10-Schedule1',
    ]);
    expect(asb['dpv:hasPersonalData']).toEqual(
      expect.arrayContaining(['pd:Health', 'pd:Image', 'pd:CriminalOffense']),
    );
    expect(asb['dpv:hasDataSubject']).toEqual([
      'custos-gb:Tenant',
      'custos-gb:HouseholdMember',
      'custos-gb:Complainant',
    ]);
    expect(asb['dpv:hasPurpose']).toMatchObject({
      '@type': 'dpv:Purpose',
      'rdfs:label': activity(starter, 'asb').purpose,
    });
    const [duration] = asb['dpv:hasStorageCondition'] as JsonLdNode[];
    expect(duration?.['dpv:hasDuration']).toEqual({ '@type': 'dpv:TemporalDuration', 'rdf:value': 'P6Y' });
    expect(duration?.['custos-gb:retentionTrigger']).toBe('case-closed');
    expect(asb['dpv:hasRight']).not.toContain('eu-gdpr:A17');
    expect(asb['custos-gb:hasAutomatedDecisionMaking']).toBe(false);
  });

  it('describes transfers with their safeguard, and automated decisions', () => {
    const m = variant((v) => {
      const website = activity(v, 'website');
      website.transfers = [{ country: 'US', safeguard: 'idta' }];
      website.automatedDecisions = [
        {
          id: 'bot-check',
          name: 'Bot check',
          logic: 'Scores request patterns',
          significance: 'Blocks access',
          humanReview: 'Email us',
          profiling: false,
        },
      ];
    });
    const website = processFor(ropaJsonLd(m), 'website');
    expect(website['dpv:hasThirdCountry']).toEqual(['loc:US']);
    expect(website['dpv:hasProcess']).toEqual([
      expect.objectContaining({ 'dpv:hasThirdCountry': 'loc:US', 'dpv:hasLegalBasis': 'eu-gdpr:A46-2-d' }),
    ]);
    expect(website['custos-gb:hasAutomatedDecisionMaking']).toBe(true);
    expect(website['dpv:hasContext']).toEqual([
      expect.objectContaining({ '@type': 'dpv:AutomatedDecisionMaking', 'rdfs:label': 'Bot check' }),
    ]);
    expect(website['dpv:hasRight']).toContain('eu-gdpr:A22');
    expect(expandAll(ropaJsonLd(m), context)).toContain('https://w3id.org/dpv/loc#US');
  });
});
