/**
 * Assembling a subject access pack (UK GDPR Art. 15): the person's own file, records on other
 * people's files that mention them, the documents held, who has accessed their file, and the
 * supplementary information, with third-party data redacted by default. Every read goes through
 * the access gate and is audited. The result is a draft: a caseworker reviews it (src/rights/review)
 * before anything is released.
 */
import type { Call, Store } from '../../records/store.ts';
import { buildPack } from './build.ts';
import { redactField } from './redact.ts';
import { readPackSource, type SourceOptions } from './source.ts';
import type { SarPack } from './types.ts';

export type AssembleOptions = SourceOptions;

export async function assemblePack(
  store: Store,
  call: Call,
  personId: string,
  options: AssembleOptions,
): Promise<SarPack> {
  const source = await readPackSource(store, call, personId, options);
  return buildPack(source, {
    status: 'draft',
    generatedAt: store.now(),
    redactor: (recordId, field, text) => redactField(text, recordId, field, source.setting),
  });
}
