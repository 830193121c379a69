/**
 * What a stored erasure plan tells the person, end to end: each item keeps its sentences by code
 * (sealed with its words), so the letter of the plan carried out says what we did; a caseworker's
 * own explanation is shown as written; and items stored before the codes were kept (one text in the
 * future tense) are read back to their codes, or shown as stored when a caseworker wrote them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultOf, type Store } from '../../src/records/store.ts';
import {
  decideItem,
  erasureLetter,
  executeErasure,
  planErasure,
  readPlan,
  tell,
  type ErasurePlanView,
} from '../../src/rights/erasure/index.ts';
import { loadPlan, openWords, sealWords } from '../../src/rights/erasure/rows.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { addRecord, erasureRequest } from './erasure-helpers.ts';
import { desk, manifest, newPerson } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let applicant: string;
let support: string;
let application: string;
let call: string;
let plan: ErasurePlanView;

const item = (recordId: string | null) => plan.items.find((i) => i.recordId === recordId)!;
const mention = () => plan.items.find((i) => i.kind === 'mention')!;

/** A caseworker's own explanation, in their own tense. */
const OWN = 'We will shred the paper copy as well, so we will delete it.';
/** Words a caseworker wrote before the codes were kept, with a vocabulary sentence inside. */
const THEIRS_BEFORE =
  'We will delete the recording once the appeal is over. We no longer need it for the reason we collected it, so we will delete it.';

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  applicant = await newPerson(store, 'Perpetua', 'Winterbottom');
  const neighbour = await newPerson(store, 'Ignatius', 'Thistlewood');
  support = await addRecord(store, 'support', applicant, 'support-needs', { needs: 'Hearing loss' });
  application = await addRecord(store, 'lettings', applicant, 'application', {
    receivedOn: '2025-01-10',
    outcome: 'declined',
    decidedOn: '2025-02-01',
  });
  call = await addRecord(store, 'cctv', applicant, 'call-recording', { recordedAt: '2026-11-01T09:00:00Z' });
  // The person named, long ago, in a closed case on their neighbour's file.
  await addRecord(
    store,
    'asb',
    neighbour,
    'asb-case',
    { reportedOn: '2024-01-01', kind: 'pets', status: 'closed', closedOn: '2019-06-01' },
    { mentions: [{ personId: applicant, part: 'caller' }] },
  );
  plan = await planErasure(store, desk, await erasureRequest(store, applicant));
});
afterAll(async () => t?.close());

/** Rewrites an item's sealed words as they were stored before the codes were kept: one text. */
async function storeAsBefore(n: number, explanation: string, overriddenBy: string | null): Promise<void> {
  const row = (await loadPlan(t.db, plan.id))!;
  const key = (await vaultOf(store).load([applicant])).get(applicant)!;
  const [stored] = await t.db.query<{ words: Uint8Array }>(
    'select words from erasure_items where plan_id = $1 and n = $2',
    [plan.id, n],
  );
  const { title, note } = openWords(key, row, n, stored!.words);
  await t.db.query('update erasure_items set words = $3, overridden_by = $4 where plan_id = $1 and n = $2', [
    plan.id,
    n,
    sealWords(key, row, n, { title, explanation, note }),
    overriddenBy,
  ]);
}

describe(`what an erasure plan tells the person (${ENGINE})`, () => {
  it('keeps each item’s sentences by code, and the details as written', () => {
    expect(item(application).said).toEqual([
      { reason: 'no-longer-necessary' },
      { words: expect.stringMatching(/^The time we keep .* has passed\.$/) },
    ]);
    expect(mention().said).toEqual([
      { words: 'You are named in a record about someone else (as caller).' },
      { reason: 'no-longer-necessary' },
      { words: expect.stringMatching(/has passed\.$/) },
      { sentence: 'removed-from-record' },
    ]);
    expect(item(support).said).toEqual([
      { reason: 'legal-obligation', restsOn: 'Equality Act 2010 duty to make reasonable adjustments' },
      { words: 'We keep it 7 years after support ends.' },
    ]);
    expect(item(null)).toMatchObject({ action: 'keep', said: [{ reason: 'needed-for-kept-records' }] });
    expect(mention().explanation).toBe(tell(mention().said, 'will'));
  });

  it('reads items stored as one text back to their codes, and a caseworker’s text as stored', async () => {
    const before = await readPlan(store, desk, plan.id);
    for (const i of before.items) await storeAsBefore(i.n, i.explanation, null);
    await storeAsBefore(item(call).n, THEIRS_BEFORE, 'caseworker-3');
    plan = await readPlan(store, desk, plan.id);
    // Read back, every item the proposal wrote says the same in either tense as it did when stored.
    for (const i of plan.items.filter((x) => x.recordId !== call))
      for (const tense of ['will', 'did'] as const)
        expect(tell(i.said, tense)).toBe(tell(before.items[i.n - 1]!.said, tense));
    expect(mention().said).toEqual(before.items[mention().n - 1]!.said);
    expect(item(call).said).toEqual([{ words: THEIRS_BEFORE }]);
  });

  it('writes the letter of the plan carried out in what we did, a caseworker’s words as written', async () => {
    await decideItem(store, desk, plan.id, {
      n: item(application).n,
      action: 'erase',
      reason: 'no-longer-necessary',
      explanation: OWN,
      note: 'paper copy found in the archive',
    });
    await executeErasure(store, desk, plan.id);
    plan = await readPlan(store, desk, plan.id);
    const letter = erasureLetter(plan);
    const told = (id: string) => letter.erased.find((e) => e.title === item(id).title)!.explanation;
    expect(told(application)).toBe(OWN);
    expect(told(call)).toBe(THEIRS_BEFORE);
    expect(letter.erased.find((e) => e.title.includes('about someone else'))!.explanation).toMatch(
      /^You are named in a record about someone else \(as caller\)\. We no longer need it for the reason we collected it, so we have deleted it\. The time we keep .* has passed\. We have removed you from the people it names\.$/,
    );
    expect(letter.kept.map((k) => k.explanation)).toEqual([
      'The law requires us to keep it: Equality Act 2010 duty to make reasonable adjustments. We keep it 7 years after support ends.',
      KEEP_SENTENCE,
    ]);
  });
});

const KEEP_SENTENCE =
  'We keep your details only because we must keep the other records listed here, which would mean nothing without them.';
