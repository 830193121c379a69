/**
 * What the person is told about one item of an erasure plan, kept as parts rather than as one
 * finished text: sentences of the vocabulary by code, said in the tense of the moment (what we will
 * do while the plan is proposed, what we did once it is carried out), and words shown exactly as
 * written — the details of a proposal (periods, dates, the person's part in a record) and a
 * caseworker's own explanation, which is never rewritten.
 */
import {
  ERASE_REASON_CODES,
  KEEP_REASON_CODES,
  reasonTold,
  SENTENCES,
  sentenceTold,
  type ErasureReason,
  type SentenceCode,
  type Tense,
} from './vocabulary.ts';

export type Said =
  /** A reason's own sentence, with what it rests on ("…keep it: Equality Act 2010."). */
  { reason: ErasureReason; restsOn?: string } | { sentence: SentenceCode } | { words: string };

function partIn(part: Said, tense: Tense): string {
  if ('words' in part) return part.words;
  if ('sentence' in part) return sentenceTold(part.sentence)[tense];
  const sentence = reasonTold(part.reason)[tense];
  return part.restsOn ? `${sentence.slice(0, -1)}: ${part.restsOn}.` : sentence;
}

/** The parts as one text in the tense asked for. */
export function tell(said: readonly Said[], tense: Tense): string {
  return said.map((part) => partIn(part, tense)).join(' ');
}

/** Every vocabulary sentence with the part that says it, longest first so none is read inside another. */
const KNOWN: readonly [Said, string][] = [
  ...[...ERASE_REASON_CODES, ...KEEP_REASON_CODES].map((reason): [Said, string] => [
    { reason },
    reasonTold(reason).will,
  ]),
  ...(Object.keys(SENTENCES) as SentenceCode[]).map((sentence): [Said, string] => [
    { sentence },
    sentenceTold(sentence).will,
  ]),
].sort((a, b) => b[1].length - a[1].length);

/** Where `sentence` stands whole in `text` (between its ends or spaces), or -1. */
function wholeAt(text: string, sentence: string): number {
  for (let at = text.indexOf(sentence); at >= 0; at = text.indexOf(sentence, at + 1)) {
    const end = at + sentence.length;
    if ((at === 0 || text[at - 1] === ' ') && (end === text.length || text[end] === ' ')) return at;
  }
  return -1;
}

/** A text written from the vocabulary, split back into its sentences and the words between them. */
function readBack(text: string): Said[] {
  if (!text) return [];
  for (const [said, sentence] of KNOWN) {
    const at = wholeAt(text, sentence);
    if (at < 0) continue;
    const before = text.slice(0, at).trim();
    const after = text.slice(at + sentence.length).trim();
    return [...readBack(before), said, ...readBack(after)];
  }
  return [{ words: text }];
}

/**
 * Words stored before items kept their codes: one text, written in the future tense. A text that
 * is exactly one of the vocabulary's sentences is read back to its code, whoever chose it. A text
 * the proposal wrote (the item never decided by a caseworker) is made of the vocabulary's sentences
 * and details, so each whole sentence is read back and the details kept as written. Anything else
 * may be a caseworker's own words, and is shown as stored.
 */
export function saidFromStored(explanation: string, writtenByProposal: boolean): Said[] {
  const exact = KNOWN.find(([, sentence]) => sentence === explanation);
  if (exact) return [exact[0]];
  return writtenByProposal ? readBack(explanation.trim()) : [{ words: explanation }];
}
