/**
 * Third-party redaction for subject access responses (uk-rules.md §1.3; DPA 2018 Sch. 2 para. 16).
 *
 * findRedactions() proposes spans to redact, each with the legal reason to record; a person then
 * reviews them (context can still identify someone: these detectors are an aid, not a decision).
 * The requester's own names and identifiers are never proposed, even when a detector fires on them.
 */
import { IDENTIFIER_LABELS, findIdentifiers, type IdentifierKind } from './identifiers.ts';
import { findKnownPeople, findUnknownNames, type KnownPerson } from './names.ts';

export type RedactionKind = 'known-person' | 'unknown-name' | IdentifierKind;

export interface Redaction {
  start: number;
  end: number;
  kind: RedactionKind;
  /** Set when the span is a mention of a person the store knows. */
  personId?: string;
  /** The legal basis to record against the redaction. */
  reason: string;
}

export interface RedactionContext {
  /** The data subject making the request: their data is disclosed, never redacted. */
  requester: KnownPerson;
  /** Other people the store knows (tenants, household members, staff, witnesses). */
  knownPeople: readonly KnownPerson[];
}

export const THIRD_PARTY_REASON = 'Information about another person (DPA 2018 Sch. 2 para. 16)';

interface Span {
  start: number;
  end: number;
}

/** Canonical form of an identifier for equality: upper case, no separators, phones as 0…. */
export function normaliseIdentifier(s: string): string {
  let t = s
    .trim()
    .toUpperCase()
    .replace(/[\s().-]/g, '');
  if (t.includes('@')) return s.trim().toLowerCase();
  if (t.startsWith('+440')) t = '0' + t.slice(4);
  else if (t.startsWith('+44')) t = '0' + t.slice(3);
  else if (t.startsWith('0044')) t = '0' + t.slice(4);
  return t;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** `span` minus every protected range, as the remaining pieces. */
function subtract<T extends Span>(span: T, protectedSpans: readonly Span[]): T[] {
  let pieces: T[] = [span];
  for (const p of protectedSpans) {
    const next: T[] = [];
    for (const s of pieces) {
      if (!overlaps(s, p)) {
        next.push(s);
        continue;
      }
      if (s.start < p.start) next.push({ ...s, end: p.start });
      if (p.end < s.end) next.push({ ...s, start: p.end });
    }
    pieces = next;
  }
  return pieces;
}

/** Trim whitespace and punctuation from both ends of a span; undefined when nothing meaningful is left. */
function tidy<T extends Span>(text: string, s: T, minWord = 2): T | undefined {
  let { start, end } = s;
  while (start < end && /[\s,.;:()'’"-]/.test(text[start]!)) start++;
  while (end > start && /[\s,.;:()'’"-]/.test(text[end - 1]!)) end--;
  const inner = text.slice(start, end);
  if ((inner.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < minWord) return undefined;
  return { ...s, start, end };
}

const TITLE_ONLY_RE = /^(?:mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame|cllr|lady|lord)\.?$/i;

const PRIORITY: Record<string, number> = { 'known-person': 3, 'unknown-name': 1 };
const priority = (k: RedactionKind): number => PRIORITY[k] ?? 2;

/** Merge overlapping redactions, keeping the kind (and person) of the highest-priority one. */
export function mergeRedactions(redactions: readonly Redaction[]): Redaction[] {
  const sorted = [...redactions].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Redaction[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.start < prev.end) {
      prev.end = Math.max(prev.end, r.end);
      if (priority(r.kind) > priority(prev.kind)) {
        prev.kind = r.kind;
        if (r.personId !== undefined) prev.personId = r.personId;
        else delete prev.personId;
      }
    } else out.push({ ...r });
  }
  return out;
}

/** The spans of `text` to redact as third-party data, sorted and non-overlapping. */
export function findRedactions(text: string, ctx: RedactionContext): Redaction[] {
  const requesterId = ctx.requester.personId;
  const others = ctx.knownPeople.filter((p) => p.personId !== requesterId);
  // Match everyone together so that name ambiguity (shared given names, surnames) is judged across
  // the requester and the other known people alike.
  const everyone = [ctx.requester, ...others];
  const mentions = findKnownPeople(text, everyone);
  const requesterSpans: Span[] = mentions.filter((m) => m.personId === requesterId);
  const requesterIds = new Set(ctx.requester.identifiers.map(normaliseIdentifier));
  const idOwner = new Map<string, string>();
  for (const p of others) for (const i of p.identifiers) idOwner.set(normaliseIdentifier(i), p.personId);

  const candidates: Redaction[] = [];
  for (const m of mentions) {
    if (m.personId === requesterId) continue;
    candidates.push({
      start: m.start,
      end: m.end,
      kind: 'known-person',
      personId: m.personId,
      reason: THIRD_PARTY_REASON,
    });
  }
  for (const f of findIdentifiers(text)) {
    const norm = normaliseIdentifier(f.text);
    if (requesterIds.has(norm)) {
      requesterSpans.push(f);
      continue;
    }
    const owner = idOwner.get(norm);
    candidates.push(
      owner !== undefined
        ? { start: f.start, end: f.end, kind: 'known-person', personId: owner, reason: THIRD_PARTY_REASON }
        : { start: f.start, end: f.end, kind: f.kind, reason: THIRD_PARTY_REASON },
    );
  }
  for (const n of findUnknownNames(text)) {
    candidates.push({ start: n.start, end: n.end, kind: 'unknown-name', reason: THIRD_PARTY_REASON });
  }

  const kept: Redaction[] = [];
  for (const c of candidates) {
    for (const piece of subtract(c, requesterSpans)) {
      const t = tidy(text, piece);
      if (!t) continue;
      // A name detector firing on "Mrs Okafor" where "Okafor" is the requester leaves just "Mrs".
      if (
        t.kind === 'unknown-name' &&
        text
          .slice(t.start, t.end)
          .split(/\s+/)
          .every((w) => TITLE_ONLY_RE.test(w))
      )
        continue;
      // What is left of an NLP name after cutting out the requester must still look like a name
      // ("Okafor (NI" minus "Okafor" leaves "NI", which is not).
      if (piece !== c && t.kind === 'unknown-name' && !/\p{Lu}\p{Ll}{2,}/u.test(text.slice(t.start, t.end)))
        continue;
      // A partial identifier left over after removing the requester's part is not an identifier.
      if (piece !== c && t.kind !== 'unknown-name' && t.kind !== 'known-person') continue;
      kept.push(t);
    }
  }
  return mergeRedactions(kept);
}

/** The placeholder that replaces a redacted span. */
export function placeholderFor(kind: RedactionKind): string {
  if (kind === 'known-person' || kind === 'unknown-name') return '[redacted: third party]';
  return `[redacted: ${IDENTIFIER_LABELS[kind]}]`;
}

/** `text` with each (non-overlapping) redaction replaced by its labelled placeholder. */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  const merged = mergeRedactions(redactions);
  let out = '';
  let pos = 0;
  for (const r of merged) {
    if (r.start < pos) continue;
    out += text.slice(pos, r.start) + placeholderFor(r.kind);
    pos = r.end;
  }
  return out + text.slice(pos);
}
