/**
 * A certificate of one run for the DPO: who started it and when, what went by rule, record type and
 * action, and where the run ends in the audit chain. Counts only; no personal data.
 */
import { manifestFor, type Store } from '../records/store.ts';
import { RetentionInputError } from './errors.ts';
import { getRun, runLog, type LogLine, type Run } from './runs.ts';

export interface Certificate {
  controllerName: string;
  ico?: string;
  run: Run;
  lines: LogLine[];
  totals: { records: number; mentions: number; documents: number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function certificateFor(store: Store, runId: string): Promise<Certificate> {
  if (!UUID.test(runId)) throw new RetentionInputError('runId', 'must be the id of a retention run');
  const run = await getRun(store.db, runId);
  if (!run) throw new RetentionInputError('runId', 'there is no retention run with this id');
  const controller = manifestFor(store, run.controllerId).controller;
  const lines = await runLog(store.db, runId);
  const totals = { records: 0, mentions: 0, documents: 0 };
  for (const l of lines.filter((x) => x.action !== 'review')) {
    totals.records += l.records;
    totals.mentions += l.mentions;
    totals.documents += l.documents;
  }
  return { controllerName: controller.name, ico: controller.registrations?.ico, run, lines, totals };
}

export const ACTION_WORDS: Record<LogLine['action'], string> = {
  erase: 'erased',
  anonymise: 'anonymised (statistics kept)',
  review: 'queued for review',
  replay: 'erased again after a restore',
};

export const KIND_WORDS: Record<Run['kind'], string> = {
  sweep: 'Retention sweep',
  replay: 'Replay of erasures after a restore',
  review: 'Disposal decided on review',
};

/** "23 November 2026, 10:00 UTC" */
export function when(d: Date | null): string {
  if (!d) return '–';
  const date = new Date(d);
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}, ${date.toISOString().slice(11, 16)} UTC`;
}

/** The run's facts as label and value pairs, shared by the HTML and PDF forms. */
export function runFacts(c: Certificate): [string, string][] {
  const r = c.run;
  return [
    ['Controller', c.ico ? `${c.controllerName} (ICO registration ${c.ico})` : c.controllerName],
    ['Run', `${KIND_WORDS[r.kind]} ${r.id}`],
    ['Started by', r.startedBy],
    ['Started', when(r.startedAt)],
    ['Finished', when(r.finishedAt)],
    ['Periods measured to', when(r.asOf)],
    ['Outcome', r.status === 'failed' && r.failure ? `failed (${r.failure})` : r.status],
    ['Audit chain', r.auditSeq === null ? 'not recorded' : `event ${r.auditSeq}, hash ${r.auditHash}`],
  ];
}

export const STATEMENT =
  'Each line was disposed of in transactions that also wrote the audit events and these counts, so the counts agree with the store. This certificate holds no personal data; the records themselves cannot be recovered from it.';
