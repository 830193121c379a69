/**
 * The full subject access pack for one tenant with 2,000 records, in a store of `total` records:
 * every read through the gate (policy, decryption, audit), third-party redaction by the detectors,
 * and the zip with the HTML and PDF covers, JSON and CSV. The baseline fetches the same rows by
 * bare SQL (the person, their records, the records mentioning them, the other people's rows, the
 * document list and the access history) in the same run, alternating with the pack.
 *
 * The tenant's file is a plausible mix for a long tenancy: rent transactions (no free text) are over
 * half of it; contact logs, repairs, arrears and ASB cases carry free text naming the tenant, staff,
 * neighbours and identifiers. Run alone: `BENCH_SAR_RECORDS=… tsx bench/sar.bench.ts`
 * (BENCH_DATABASE_URL for the server engine).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_MANIFEST } from '../src/app/compose.ts';
import type { Manifest } from '../src/manifest/schema.ts';
import { loadManifest } from '../src/manifest/validate.ts';
import { writeBatch, type BatchRecord } from '../src/records/batch.ts';
import type { Call, Store } from '../src/records/store.ts';
import { buildPack } from '../src/rights/sar/build.ts';
import { redactField } from '../src/rights/sar/redact.ts';
import { readPackSource } from '../src/rights/sar/source.ts';
import { packZip } from '../src/rights/sar/zip.ts';
import type { Db } from '../src/store/db.ts';
import { LocalKeyRing } from '../src/store/keys.ts';
import { openDatabase } from '../src/store/open.ts';
import { fillContactLogs } from './fill.ts';

const TENANT_RECORDS = 2000;
const NEIGHBOURS = 20;
const MENTIONING_CASES = 20;
const DOCUMENTS = 5;
const RUNS = 5;

const STAFF = ['Constance Wetherby', 'Rupert Allingham', 'Maud Fairweather', 'Desmond Pike'];

async function recordCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from records');
  return row!.n;
}

const day = (k: number): string =>
  new Date(Date.UTC(2016, 0, 1) + k * 86_400_000 * 1.8).toISOString().slice(0, 10);

/** The tenant's own records: the mix described above, k = 0…1999. */
function tenantRecord(
  tenant: string,
  neighbours: string[],
  k: number,
): { purpose: string; record: BatchRecord } {
  const staff = STAFF[k % STAFF.length]!;
  const neighbour = neighbours[k % neighbours.length]!;
  const n = k % 20;
  if (n < 11)
    return {
      purpose: 'tenancy-management',
      record: {
        personId: tenant,
        recordType: 'rent-transaction',
        payload: {
          postedOn: day(k),
          kind: k % 2 ? 'payment' : 'rent-charge',
          amount: 112.5,
          method: 'direct-debit',
          balanceAfter: 0,
        },
      },
    };
  if (n < 16)
    return {
      purpose: 'tenancy-management',
      record: {
        personId: tenant,
        recordType: 'contact-log',
        patch: 'north',
        payload: {
          channel: 'phone',
          occurredAt: `${day(k)}T10:00:00Z`,
          summary: `Mr Quillfeather rang about the rent statement. ${staff} explained the charges and agreed to call back on 07700 900123.`,
        },
      },
    };
  if (n < 18)
    return {
      purpose: 'repairs',
      record: {
        personId: tenant,
        recordType: 'repair',
        payload: {
          reportedOn: day(k),
          description: `Damp in the back bedroom reported by Zebediah Quillfeather; ${staff} to inspect.`,
          accessNotes: 'Ring first; dog in the garden.',
        },
      },
    };
  if (n < 19)
    return {
      purpose: 'tenancy-management',
      record: {
        personId: tenant,
        recordType: 'arrears-case',
        payload: {
          openedOn: day(k),
          balance: 240,
          stage: 'arrangement',
          arrangement: `Pays £10 a week extra; agreed with ${staff}.`,
        },
      },
    };
  return {
    purpose: 'asb',
    record: {
      personId: tenant,
      recordType: 'asb-case',
      payload: {
        reportedOn: day(k),
        kind: 'noise',
        status: 'closed',
        narrative: `Mr Quillfeather reported loud music from next door; Neighbour${neighbour.slice(0, 4)} Smallbone denied it. Witness Mary Jones of Acacia Road agreed.`,
      },
      mentions: [{ personId: neighbour, part: 'alleged-perpetrator' }],
    },
  };
}

interface Tenant {
  tenant: string;
  neighbours: string[];
  joint: string;
}

async function fillTenant(store: Store, call: Call, controllerId: string): Promise<Tenant> {
  const tenant = randomUUID();
  const joint = randomUUID();
  const neighbours = Array.from({ length: NEIGHBOURS }, () => randomUUID());
  const property = randomUUID();
  await writeBatch(store, call, {
    controllerId,
    people: [
      {
        id: tenant,
        subjectTypes: ['tenant'],
        profile: {
          title: 'Mr',
          givenName: 'Zebediah',
          familyName: 'Quillfeather',
          phone: '07700 900123',
          postcode: 'BV1 2ZZ',
        },
      },
      { id: joint, subjectTypes: ['tenant'], profile: { givenName: 'Philippa', familyName: 'Marchbanks' } },
      ...neighbours.map((id, i) => ({
        id,
        subjectTypes: ['tenant'],
        profile: {
          givenName: `Neighbour${id.slice(0, 4)}`,
          familyName: 'Smallbone',
          phone: `07700 9005${String(i).padStart(2, '0')}`,
        },
      })),
    ],
    properties: [{ id: property, address: '1 Test Row', postcode: 'BV1 2ZZ', patch: 'north' }],
    // Letters on the tenant's file (documents can only refer to people in their own batch).
    documents: Array.from({ length: DOCUMENTS }, () => ({
      personId: tenant,
      kind: 'letter' as const,
      mediaType: 'application/pdf',
      content: randomBytes(10_000),
    })),
    households: [
      {
        propertyId: property,
        members: [
          { personId: tenant, relationship: 'joint-tenant', startedOn: '2016-01-01' },
          { personId: joint, relationship: 'joint-tenant', startedOn: '2016-01-01' },
        ],
      },
    ],
  });
  const byPurpose = new Map<string, BatchRecord[]>();
  for (let k = 0; k < TENANT_RECORDS; k++) {
    const { purpose, record } = tenantRecord(tenant, neighbours, k);
    byPurpose.set(purpose, [...(byPurpose.get(purpose) ?? []), record]);
  }
  // Cases on the neighbours' files that mention the tenant.
  byPurpose.get('asb')!.push(
    ...Array.from({ length: MENTIONING_CASES }, (_, i) => ({
      personId: neighbours[i % NEIGHBOURS]!,
      recordType: 'asb-case',
      payload: {
        reportedOn: day(i),
        kind: 'harassment' as const,
        status: 'open' as const,
        narrative: `Reported by Philippa Marchbanks that Mr Quillfeather shouted at Neighbour${neighbours[i % NEIGHBOURS]!.slice(0, 4)} Smallbone.`,
      },
      mentions: [{ personId: tenant, part: 'alleged-perpetrator' as const }],
    })),
  );
  for (const [purpose, records] of byPurpose)
    await writeBatch(store, { ...call, purpose }, { controllerId, records });
  return { tenant, neighbours, joint };
}

/** The same rows as the pack reads, by bare SQL: no gate, no decryption, no audit. */
async function bare(db: Db, t: Tenant): Promise<number> {
  const [person, own, mentioning, others, documents, history] = await Promise.all([
    db.query('select id, controller_id, subject_types, profile from people where id = $1', [t.tenant]),
    db.query(
      'select id, record_type, payload, patch, team, assigned_to, closed_at, created_at from records where person_id = $1 order by created_at, id',
      [t.tenant],
    ),
    db.query(
      `select r.id, r.person_id, r.record_type, r.payload, r.created_at from mentions m join records r on r.id = m.record_id
        where m.person_id = $1 and r.person_id <> $1`,
      [t.tenant],
    ),
    db.query('select id, profile from people where id = any($1::uuid[])', [[...t.neighbours, t.joint]]),
    db.query(
      'select id, kind, media_type, size_bytes, created_at, record_id from documents where person_id = $1',
      [t.tenant],
    ),
    db.query(
      'select seq, at, actor_kind, purpose, action, outcome from audit_events where person_id = $1 order by seq desc',
      [t.tenant],
    ),
  ]);
  return person.length + own.length + mentioning.length + others.length + documents.length + history.length;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSar(
  db: Db,
  manifest: Manifest,
  total: number,
  targetMs?: number,
): Promise<boolean> {
  const controllerId = manifest.controller.id;
  const store: Store = {
    db,
    keys: new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1'),
    manifests: new Map([[controllerId, manifest]]),
    now: () => new Date(),
  };
  const system: Call = {
    actor: { id: 'bench', kind: 'system', controllerId, roles: [] },
    purpose: 'tenancy-management',
    channel: 'system',
  };
  const dpo: Call = {
    actor: { id: 'dpo-1', kind: 'staff', controllerId, roles: ['data-protection-officer'] },
    purpose: 'subject-access',
    channel: 'web',
  };
  console.log(
    `subject access pack (${db.engine}): a tenant with ${TENANT_RECORDS.toLocaleString('en-GB')} records in a store of ${total.toLocaleString('en-GB')}`,
  );
  const background = total - TENANT_RECORDS - MENTIONING_CASES;
  await fillContactLogs(store, system, controllerId, Math.max(0, background - (await recordCount(db))));
  const t = await fillTenant(store, system, controllerId);
  const today = new Date().toISOString().slice(0, 10);
  const phases = {
    read: [] as number[],
    redact: [] as number[],
    zip: [] as number[],
    pack: [] as number[],
    bare: [] as number[],
  };
  let size = 0;
  for (let run = -1; run < RUNS; run++) {
    let at = performance.now();
    const rows = await bare(db, t);
    const bareMs = performance.now() - at;
    at = performance.now();
    const source = await readPackSource(store, dpo, t.tenant, { today });
    const read = performance.now() - at;
    const pack = buildPack(source, {
      status: 'draft',
      generatedAt: store.now(),
      redactor: (recordId, field, text) => redactField(text, recordId, field, source.setting),
    });
    const redact = performance.now() - at - read;
    const zip = await packZip(pack);
    const packMs = performance.now() - at;
    if (pack.records.length !== TENANT_RECORDS + MENTIONING_CASES)
      throw new Error('the pack is missing records');
    if (JSON.stringify(pack).includes('Marchbanks'))
      throw new Error("the joint tenant's name is in the pack");
    if (rows < TENANT_RECORDS) throw new Error('the baseline read too few rows');
    if (run < 0) continue; // warm-up
    phases.bare.push(bareMs);
    phases.read.push(read);
    phases.redact.push(redact);
    phases.zip.push(packMs - read - redact);
    phases.pack.push(packMs);
    size = zip.length;
  }
  const m = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof phases,
    number
  >;
  const ratio = m.pack / m.bare;
  const ok = targetMs === undefined || m.pack <= targetMs;
  console.log(`  bare SQL (baseline)      ${m.bare.toFixed(0)} ms (the same rows, no gate)`);
  console.log(
    `  full pack                ${m.pack.toFixed(0)} ms: read through the gate ${m.read.toFixed(0)}, redaction ${m.redact.toFixed(0)}, zip with covers ${m.zip.toFixed(0)} (${(size / 1024).toFixed(0)} KiB); ratio ${ratio.toFixed(1)}${targetMs ? ` ${ok ? '✓ under' : '✗ over'} ${targetMs} ms` : ''}`,
  );
  return ok;
}

async function main(): Promise<void> {
  const manifest = loadManifest(DEMO_MANIFEST);
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const db = await openDatabase({ databaseUrl: url });
    const ok = await benchSar(db, manifest, Number(process.env.BENCH_SAR_RECORDS ?? 1_000_000), 2000);
    await db.close();
    process.exitCode = ok ? 0 : 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'custos-bench-sar-'));
  try {
    const db = await openDatabase({ dataDir: dir });
    await benchSar(db, manifest, Number(process.env.BENCH_SAR_RECORDS ?? 100_000));
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
