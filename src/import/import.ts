/**
 * `custos import`: exports of a housing management system, through a mapping, into the store.
 * In order: the mapping is checked against the manifest (before any data is read); each file is
 * read and every row mapped (value maps, dates, links by customer reference); then writeBatch
 * checks what mapped cleanly. Every problem is reported as FILE:LINE field reason, and if there
 * is any, nothing is written.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Channel } from '../audit/event.ts';
import type { Call, Store } from '../records/store.ts';
import { Assembler, type Chunk } from './assemble.ts';
import { planImport, type Plan, type PlannedSource } from './check-mapping.ts';
import { Linker } from './link.ts';
import { loadMapping } from './load-mapping.ts';
import { locateProblem } from './locate.ts';
import { RowMapper } from './map-rows.ts';
import { sortProblems, type ImportProblem } from './problems.ts';
import { readSource } from './read-source.ts';
import { SourceKeys, type Counted } from './source-keys.ts';
import { writeBatches, type WriteOutcome } from './write.ts';

export { MappingError } from './load-mapping.ts';

/** Up to this many rows are written by one writeBatch call; more go in chunks in one transaction. */
export const SINGLE_BATCH_ROWS = 50_000;
export const CHUNK_ROWS = 10_000;

export interface ImportOptions {
  mappingFile: string;
  files: string[];
  /** Overrides the mapping's controller. */
  controllerId?: string;
  dryRun?: boolean;
  /** Who the audit log names as the actor. */
  actorId?: string;
  channel?: Channel;
  singleBatchRows?: number;
  chunkRows?: number;
}

export interface ImportSummary {
  dryRun: boolean;
  /** True when the import was committed. */
  written: boolean;
  rows: number;
  /** How many writeBatch calls the rows went in (0 when mapping problems stopped it first). */
  batches: number;
  people: number;
  households: number;
  tenancies: number;
  records: number;
  /**
   * With a source system named (`system:`): what the store already held under the same keys and
   * left as it was, the rows skipped because what they became was disposed of, and the rows that
   * differ from what was imported before (not written; see docs/import.md).
   */
  unchanged: Record<Counted, number>;
  disposed: number;
  conflicts: ImportProblem[];
  problems: ImportProblem[];
}

const wildcard = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** The source a file is for: the one whose `match` fits its name, or the only one. */
function sourceFor(plan: Plan, file: string): PlannedSource | undefined {
  if (plan.sources.length === 1 && !plan.sources[0]!.spec.match) return plan.sources[0];
  return plan.sources.find((s) => s.spec.match !== undefined && wildcard(s.spec.match).test(basename(file)));
}

function count(chunks: Chunk[], what: 'people' | 'households' | 'tenancies' | 'records'): number {
  return chunks.reduce((n, c) => n + c.batch[what].length, 0);
}

/**
 * writeBatch's problems placed in the files. Every link was resolved before writing, so "is not
 * a known person" after an earlier chunk failed only echoes that failure (its people were not
 * written) and is left out.
 */
function batchProblems(failed: WriteOutcome['problems'], chunks: Chunk[]): ImportProblem[] {
  return failed.flatMap(({ batch, problems }, i) =>
    problems
      .filter((p) => i === 0 || p.reason !== 'is not a known person')
      .map((p) => locateProblem(chunks[batch]!, p)),
  );
}

export async function importFiles(store: Store, o: ImportOptions): Promise<ImportSummary> {
  const plan = planImport(loadMapping(o.mappingFile), store.manifests, o.controllerId);
  const mapper = new RowMapper(plan.patches);
  let rows = 0;
  for (const file of o.files) {
    if (!existsSync(file) || !statSync(file).isFile()) {
      mapper.problems.push({ file, reason: existsSync(file) ? 'is a folder, not a file' : 'does not exist' });
      continue;
    }
    const source = sourceFor(plan, file);
    if (!source) {
      const matches = plan.sources.map((s) => s.spec.match).join(', ');
      mapper.problems.push({ file, reason: `matches no source of the mapping (${matches})` });
      continue;
    }
    const data = readSource(file, source.spec);
    rows += data.rows.length;
    mapper.mapSource(source, data);
  }
  const call: Call = {
    actor: { id: o.actorId ?? 'import', kind: 'system', controllerId: plan.controllerId, roles: [] },
    purpose: plan.purpose,
    channel: o.channel ?? 'cli',
  };
  const keys = plan.system === undefined ? undefined : new SourceKeys(store, plan.controllerId, plan.system);
  const linker = new Linker(store, call, plan.controllerId, mapper, keys);
  await linker.checkNewPeople();
  const chunkRows = o.chunkRows ?? CHUNK_ROWS;
  const single = rows <= (o.singleBatchRows ?? SINGLE_BATCH_ROWS);
  const chunkOf = single ? () => 0 : (ordinal: number) => Math.floor(ordinal / chunkRows);
  const chunks = await new Assembler(plan.controllerId, mapper, linker, chunkOf, keys).assemble();
  const commit = !o.dryRun && mapper.problems.length === 0;
  const outcome = await writeBatches(
    store,
    call,
    chunks.map((c) => c.batch),
    commit,
    keys && ((tx) => keys.save(tx, store.now())),
  );
  const problems = [...mapper.problems, ...batchProblems(outcome.problems, chunks)];
  return {
    dryRun: o.dryRun ?? false,
    written: commit && outcome.written,
    rows,
    batches: chunks.length,
    people: count(chunks, 'people'),
    households: count(chunks, 'households'),
    tenancies: count(chunks, 'tenancies'),
    records: count(chunks, 'records'),
    unchanged: keys?.unchanged ?? { people: 0, households: 0, tenancies: 0, records: 0 },
    disposed: keys?.disposed ?? 0,
    conflicts: sortProblems(keys?.conflicts ?? [], o.files),
    problems: sortProblems(problems, o.files),
  };
}
