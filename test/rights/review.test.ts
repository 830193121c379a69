import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { InputError } from '../../src/records/errors.ts';
import { readRequest } from '../../src/rights/requests/index.ts';
import {
  addRedaction,
  completeReview,
  decideRedaction,
  exemptItem,
  readReview,
  releasePack,
  reopenReview,
  startReview,
  verifyIdentity,
  type Release,
  type ReviewRecordItem,
  type ReviewView,
} from '../../src/rights/review/index.ts';
import { ENGINE } from '../support/db.ts';
import {
  accessRequest,
  ADVICE,
  auditRows,
  buildWorld,
  caseworker,
  JOINT_SECRETS,
  reviewTablesText,
  TENANT,
  type World,
} from './review-fixture.ts';
import { pdfText } from './sar-pdf.ts';

let w: World;
let requestId: string;
let review: ReviewView;
let release: Release;

const recordItem = (v: ReviewView, id: string) =>
  v.items.find((i): i is ReviewRecordItem => i.kind === 'record' && i.id === id)!;
const field = (v: ReviewView, id: string, name: string) =>
  recordItem(v, id).fields.find((f) => f.name === name)!;

beforeAll(async () => {
  w = await buildWorld();
  requestId = await accessRequest(w);
  review = await startReview(w.store, caseworker, requestId, { today: '2026-11-20' });
}, 240_000);
afterAll(async () => w?.t.close());

describe(`reviewing a subject access pack (${ENGINE})`, () => {
  it('starts with every item the pack holds and the proposals pending, the text shown as held', () => {
    expect(review.status).toBe('open');
    expect(review.startedOn).toBe('2026-11-20');
    expect(review.purposes).toEqual(['subject-access']);
    const ids = review.items.map((i) => i.id).sort();
    expect(ids).toEqual([w.staffLog, w.formulaLog, w.repair, w.asbCase, w.letter].sort());
    expect(recordItem(review, w.asbCase).source).toBe('mention');
    const narrative = field(review, w.asbCase, 'narrative');
    expect(narrative.value).toContain('Ignatius Thistlewood');
    expect(narrative.spans.length).toBeGreaterThanOrEqual(2);
    expect(narrative.spans.every((s) => s.origin === 'proposed' && s.decision === 'pending')).toBe(true);
    expect(narrative.spans.every((s) => s.reason === 'third-party')).toBe(true);
    const names = field(review, w.staffLog, 'summary').spans.map((s) =>
      (field(review, w.staffLog, 'summary').value as string).slice(s.start, s.end),
    );
    expect(names).toEqual(expect.arrayContaining(['Constance Wetherby', 'Philippa Marchbanks']));
    expect(names).not.toContain('Zebediah Quillfeather');
    expect(review.counts).toMatchObject({ accepted: 0, rejected: 0, exempt: 0, changed: 0, gone: 0 });
    expect(review.counts.pending).toBeGreaterThanOrEqual(4);
  });

  it('stores ids, offsets, kinds and reasons but no text of any record', async () => {
    const stored = await reviewTablesText(w.t.db);
    expect(stored).toContain(w.asbCase);
    expect(stored).toContain('third-party');
    for (const text of ['Thistlewood', 'Wetherby', 'Marchbanks', 'Quillfeather', '900456', 'disrepair'])
      expect(stored).not.toContain(text);
  });

  it('refuses to complete while proposals are pending, and audits it', async () => {
    await expect(completeReview(w.store, caseworker, review.id)).rejects.toMatchObject({
      field: 'reviewId',
      message: expect.stringMatching(/still to be accepted or rejected/),
    });
    expect((await auditRows(w.t.db, 'sar-review.complete', 'denied')).length).toBe(1);
  });

  it('records the caseworker’s decisions, added redactions and exemptions, sealing their words', async () => {
    const summary = field(review, w.staffLog, 'summary');
    const text = summary.value as string;
    for (const s of [
      ...review.items.flatMap((i) => (i.kind === 'record' ? i.fields : [])).flatMap((f) => f.spans),
    ]) {
      // A staff member named in their work is disclosed; everyone else stays redacted.
      const isStaff = summary.spans.includes(s) && text.slice(s.start, s.end) === 'Constance Wetherby';
      await decideRedaction(w.store, caseworker, review.id, {
        n: s.n,
        decision: isStaff ? 'rejected' : 'accepted',
        ...(isStaff ? { note: 'Housing officer Wetherby acting in her job: reasonable to disclose' } : {}),
      });
    }
    const description = field(review, w.repair, 'description').value as string;
    const start = description.indexOf(ADVICE);
    const n = await addRedaction(w.store, caseworker, review.id, {
      recordId: w.repair,
      field: 'description',
      start,
      end: start + ADVICE.length,
      reason: 'legal-professional-privilege',
      note: 'advice from the Quillfeather claim file',
    });
    expect(n).toBeGreaterThan(review.counts.pending);
    await exemptItem(w.store, caseworker, review.id, {
      kind: 'record',
      itemId: w.formulaLog,
      exemption: 'crime-and-taxation',
      note: 'the Quillfeather fraud investigation is open; disclosure would prejudice it',
    });
    const view = await readReview(w.store, caseworker, review.id);
    expect(view.counts).toMatchObject({ pending: 0, rejected: 1, exempt: 1 });
    expect(recordItem(view, w.formulaLog).exemption).toMatchObject({
      code: 'crime-and-taxation',
      reference: 'DPA 2018 Sch. 2 para. 2',
      note: expect.stringContaining('fraud investigation'),
    });
    const added = field(view, w.repair, 'description').spans.find((s) => s.n === n)!;
    expect(added).toMatchObject({ origin: 'added', kind: 'caseworker', decision: 'accepted' });
    expect(await reviewTablesText(w.t.db)).not.toMatch(/Quillfeather|Wetherby|fraud investigation/);
  });

  it('completes, reopens and completes again', async () => {
    await completeReview(w.store, caseworker, review.id);
    await expect(
      decideRedaction(w.store, caseworker, review.id, { n: 1, decision: 'rejected' }),
    ).rejects.toMatchObject({ field: 'reviewId', message: expect.stringMatching(/complete/) });
    await reopenReview(w.store, caseworker, review.id);
    await completeReview(w.store, caseworker, review.id);
    expect((await readReview(w.store, caseworker, review.id)).status).toBe('complete');
  });

  it('checks the requester’s identity against the details held, then releases the final pack', async () => {
    await verifyIdentity(w.store, caseworker, review.id, {
      method: 'id-document',
      presented: {
        givenName: 'ZEBEDIAH',
        familyName: ' quillfeather ',
        dateOfBirth: '03/04/1980',
        postcode: 'bv12zz',
      },
      note: 'passport seen at the office',
    });
    release = await releasePack(w.store, caseworker, review.id, { on: '2026-11-23' });
    expect(release).toMatchObject({ requestId, status: 'completed', releasedOn: '2026-11-23' });
    expect(release.pack.status).toBe('released');
  });

  it('applies the decisions: rejected disclosed, accepted and added redacted, the exempt item left out', () => {
    const { pack } = release;
    const summary = pack.records.find((r) => r.id === w.staffLog)!.fields.find((f) => f.name === 'summary')!;
    expect(summary.value).toBe(
      'Zebediah Quillfeather rang about rent; Constance Wetherby explained the charges; [redacted: third party] was away.',
    );
    const description = pack.records.find((r) => r.id === w.repair)!.fields[0]!;
    expect(description.value).toBe('Leaking tap in kitchen; [redacted: legal professional privilege].');
    expect(pack.redactions.find((r) => r.recordId === w.repair)).toMatchObject({
      kind: 'caseworker',
      reason: 'Legal professional privilege (DPA 2018 Sch. 2 para. 19)',
    });
    expect(pack.records.map((r) => r.id)).not.toContain(w.formulaLog);
    expect(pack.exemptions).toEqual([
      {
        code: 'crime-and-taxation',
        label: 'Crime and taxation',
        reference: 'DPA 2018 Sch. 2 para. 2',
        items: 1,
      },
    ]);
    expect(JSON.stringify(pack)).not.toMatch(/Tenancy fraud|Thistlewood|900456/);
    // The accesses listed are those before the review started, not the review's own work.
    expect(pack.accesses.length).toBeGreaterThan(0);
    expect(pack.accesses.filter((a) => /^sar/.test(a.action))).toEqual([]);
  });

  it('zips the covers, the data and the documents, and never reveals the joint tenant', () => {
    const files = unzipSync(release.zip);
    expect(Object.keys(files).sort()).toEqual([
      'cover.html',
      'cover.pdf',
      'data.csv',
      'data.json',
      `documents/${w.letter}.pdf`,
    ]);
    expect(strFromU8(files[`documents/${w.letter}.pdf`]!)).toBe('%PDF-1.4 synthetic letter about the rent');
    const html = strFromU8(files['cover.html']!);
    expect(html).toContain(`href="documents/${w.letter}.pdf"`);
    expect(html).not.toContain('Draft for review');
    expect(html).toContain('withheld in full: Crime and taxation (DPA 2018 Sch. 2 para. 2)');
    const pdf = pdfText(files['cover.pdf']!);
    expect(pdf).toContain(`reference ${w.repair}`);
    expect(pdf).toContain('1 item withheld in full: Crime and taxation');
    const everything = [html, pdf, strFromU8(files['data.json']!), strFromU8(files['data.csv']!)].join('\n');
    for (const secret of [...JOINT_SECRETS, 'Thistlewood', 'dpo-1']) expect(everything).not.toContain(secret);
    expect(everything).toContain(TENANT.familyName);
  });

  it('logs the release, completes the request and keeps the zip’s digest', async () => {
    const [row] = await w.t.db.query<{ status: string; released_on: string; release_sha256: Uint8Array }>(
      'select status, released_on, release_sha256 from sar_reviews where id = $1',
      [review.id],
    );
    expect(row!.status).toBe('released');
    expect(Buffer.from(row!.release_sha256).toString('hex')).toBe(release.sha256);
    const request = await readRequest(w.store, caseworker, requestId);
    expect(request.status).toBe('completed');
    expect(request.events.at(-1)).toMatchObject({
      from: 'in-progress',
      to: 'completed',
      on: '2026-11-23',
      actor: 'dpo-1',
    });
    const [released] = await auditRows(w.t.db, 'sar.release', 'allowed');
    expect(released).toMatchObject({ actor: 'dpo-1', person_id: w.tenant });
    expect(released!.reason).toContain(release.sha256);
    const reads = await w.t.db.query<{ action: string }>(
      "select action from audit_events where actor = 'dpo-1' and action = 'document.read' and outcome = 'allowed'",
    );
    expect(reads).toHaveLength(1);
  });

  it('refuses a second release, with the reason and an audit event', async () => {
    const error = await releasePack(w.store, caseworker, review.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'already-released' });
    expect((await auditRows(w.t.db, 'sar.release', 'denied')).at(-1)!.reason).toMatch(
      /released on 2026-11-23/,
    );
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyChain(w.t.db)).ok).toBe(true);
  });
});
