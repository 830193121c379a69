/**
 * writeBatch reports problems by place in the batch ("records[12].payload.channel"); an import's
 * user needs the place in their file. Each item's origin says which row it came from and which
 * column fed each field, so the path becomes FILE:LINE and a field named with its column.
 */
import type { BatchProblem } from '../records/batch.ts';
import type { BatchOrigins, Chunk } from './assemble.ts';
import { label, type Origin } from './map-rows.ts';
import type { ImportProblem } from './problems.ts';

const PATH =
  /^(people|properties|households|tenancies|records)\[(\d+)\](?:\.(members|parties)\[(\d+)\])?\.?(.*)$/;

/** The target a path's tail names, as map-rows labels it: "person.familyName", "household.startedOn". */
function target(collection: string, what: string, tail: string): string {
  const field = tail.replace(/^payload\.?/, '').replace(/\[\d+\]$/, '');
  if (collection === 'tenancies' && tail === '') return 'tenancy.person';
  if (collection === 'households' && (field === 'personId' || field === '')) return 'household.person';
  if (field === 'personId') return `${what}.person`;
  return field === '' ? what : `${what}.${field}`;
}

const WHAT: Record<string, string> = {
  people: 'person',
  properties: 'property',
  households: 'household',
  tenancies: 'tenancy',
};

export function locateProblem(chunk: Chunk, p: BatchProblem): ImportProblem {
  const { origins } = chunk;
  const m = PATH.exec(p.path);
  if (!m) return { file: '(batch)', field: p.path, reason: p.reason };
  const [, collection = '', index = '', sub, subIndex, tail = ''] = m;
  const i = Number(index);
  let origin: Origin | undefined;
  if (sub === 'members') origin = origins.members[i]?.[Number(subIndex)];
  else if (sub === 'parties') origin = origins.parties[i]?.[Number(subIndex)];
  else origin = origins[collection as keyof Omit<BatchOrigins, 'members' | 'parties'>][i];
  if (!origin) return { file: '(batch)', field: p.path, reason: p.reason };
  const what =
    collection === 'records' ? (chunk.batch.records[i]?.recordType ?? 'record') : WHAT[collection]!;
  return {
    file: origin.file,
    line: origin.line,
    field: label(origin, target(collection, what, tail)),
    reason: p.reason,
  };
}
