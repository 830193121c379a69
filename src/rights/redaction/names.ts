/**
 * Finding people's names in free text.
 *
 * - Unknown names: people the store does not know, found with compromise's person tagger plus a
 *   title-and-surname pattern ("Mrs Okafor"), filtered against the usual false positives of
 *   housing notes: streets ("Acacia Road"), organisations ("Leeds City Council", "Housing
 *   Ombudsman"), months and weekdays, job titles.
 * - Known people: people the store knows (the requester, other tenants, staff). Their full names,
 *   title + surname, given name alone when no other known person shares it, and their
 *   identifiers, matched case-insensitively on word boundaries.
 */
import nlp from 'compromise';

export interface NameFinding {
  start: number;
  end: number;
  text: string;
}

export interface KnownPerson {
  personId: string;
  /** Names as recorded, e.g. "Grace Okafor", "Grace Adaeze Okafor". */
  names: string[];
  /** Identifiers as recorded: NI number, NHS number, phone, email, postcode, account references. */
  identifiers: string[];
}

export interface KnownPersonFinding extends NameFinding {
  personId: string;
  /** What matched: a name form or an identifier. */
  via: 'name' | 'identifier';
}

export const TITLES = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'rev',
  'sir',
  'dame',
  'cllr',
  'lady',
  'lord',
];
const TITLE_SET = new Set(TITLES);

/**
 * Words that make a capitalised phrase a road or building ("Acacia Road", "Nelson House"). They
 * are never surnames in practice, so a candidate ending in one, or followed by one, is a place.
 */
const STREET_WORDS = new Set(
  (
    'road rd street st lane ln avenue ave close drive way court ct crescent gardens place terrace grove ' +
    'estate walk mews parade square flats heights villas tower towers house lodge boulevard approach ' +
    'embankment quay circus mount'
  ).split(' '),
);
/**
 * Place words that are also common surnames (Hill, Green, Wood, Hall): a place only when they
 * follow the candidate ("Smith Park"), never when they are the candidate's own last word.
 */
const WEAK_PLACE_WORDS = new Set(
  (
    'park row rise hill green fields field yard wharf hall vale bank side gate end wood woods lea cross ' +
    'meadow meadows orchard croft brow chase dale pastures copse glade hollow spinney paddock garth fold view ' +
    'wynd brae loan gait corner common moor heath ridge top bottom lee dene nook pike'
  ).split(' '),
);
// "Dr" and "St" are both titles/prefixes and street abbreviations; the title list wins before a name.

/** Words that mean the phrase is an organisation, team or service. */
const ORG_WORDS = new Set(
  (
    'council housing association trust ltd limited plc llp police constabulary ombudsman services service ' +
    'team department dept centre center church school college university surgery hospital nhs group homes ' +
    'partnership credit benefit benefits agency authority office court tribunal commission board society ' +
    'bank building solicitors solicitor federation union fund charity foundation ministry dwp hmrc ico ' +
    'gov government borough city county district parish community health environmental universal tenancy ' +
    'neighbourhood repairs rent income customer contact management care adult advice citizens universal ' +
    'police fire ambulance court'
  ).split(' '),
);

/** Job-title words compromise sometimes folds into a name ("Officer Sarah Jenkins"). */
const ROLE_WORDS = new Set(
  (
    'officer manager housing tenancy neighbourhood income repairs asb caseworker surveyor inspector ' +
    'operative contractor advisor adviser coordinator co-ordinator director chair caretaker warden ' +
    'sergeant sgt pc constable detective councillor support worker social'
  ).split(' '),
);

/** Words that open a sentence or a line before a name ("Dear Sam Hill", "Witness Jo Bell"). */
const LEADING_NOISE = new Set(
  (
    'dear hi hello from to cc thanks regards witness lodger caller neighbour tenant operative carer partner ' +
    'handler complainant perpetrator visiting household member upstairs downstairs second alleged resident ' +
    'friend son daughter mother father brother sister husband wife boyfriend girlfriend visitor the a an ' +
    'and but so then when after before spoke rang called emailed met saw told asked per re attn fao'
  ).split(' '),
);

const CALENDAR_WORDS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'christmas easter eve today tomorrow yesterday'
  ).split(' '),
);

/** Calendar words that are never part of a name (unlike May, June, August). */
const HOLIDAY_WORDS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday christmas easter eve boxing whitsun'.split(' '),
);

const WORD_RE = /[\p{L}][\p{L}'’-]*/gu;

interface Token {
  start: number;
  end: number;
  word: string;
  lower: string;
}

function tokens(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  for (const m of text.slice(start, end).matchAll(WORD_RE)) {
    const word = m[0].replace(/['’]s$/u, '').replace(/['’-]+$/u, '');
    if (word === '') continue;
    out.push({ start: start + m.index, end: start + m.index + word.length, word, lower: word.toLowerCase() });
  }
  return out;
}

function nextWord(text: string, end: number): string {
  const m = /^[ \t]*([\p{L}]+)/u.exec(text.slice(end, end + 40));
  return m?.[1] ?? '';
}

const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);

/** Trim a raw candidate span to the name itself, or return undefined when it is not a person. */
function cleanCandidate(text: string, start: number, end: number): NameFinding | undefined {
  let toks = tokens(text, start, end);
  // Drop leading job-title words; keep a leading honorific.
  while (toks.length > 0 && (ROLE_WORDS.has(toks[0]!.lower) || LEADING_NOISE.has(toks[0]!.lower)))
    toks = toks.slice(1);
  if (toks.length === 0) return undefined;
  if (toks.some((t) => ORG_WORDS.has(t.lower))) return undefined;
  const core = toks.filter((t) => !TITLE_SET.has(t.lower.replace(/\.$/, '')));
  if (core.length === 0) return undefined;
  if (core.every((t) => CALENDAR_WORDS.has(t.lower))) return undefined;
  if (core.some((t) => HOLIDAY_WORDS.has(t.lower))) return undefined;
  if (!core.every((t) => isCapitalised(t.word))) return undefined;
  const last = toks[toks.length - 1]!;
  if (core.some((t) => STREET_WORDS.has(t.lower))) return undefined;
  // A lone acronym ("NI", "ASB", "PCSO") is not a name.
  if (core.length === 1 && /^\p{Lu}{1,5}$/u.test(core[0]!.word)) return undefined;
  // "12 Holly Vale": a capitalised phrase right after a house number is an address.
  if (/\d[A-Za-z]?,?[ \t]+$/.test(text.slice(Math.max(0, toks[0]!.start - 8), toks[0]!.start)))
    return undefined;
  const following = nextWord(text, last.end);
  if (isCapitalised(following)) {
    const f = following.toLowerCase();
    if (STREET_WORDS.has(f) || WEAK_PLACE_WORDS.has(f) || ORG_WORDS.has(f)) return undefined;
  }
  const first = toks[0]!;
  return { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
}

const TITLE_NAME_RE = new RegExp(
  `(?<![\\p{L}])(?:${TITLES.map((t) => t[0]!.toUpperCase() + t.slice(1)).join('|')})\\.?\\s+` +
    `(?:\\p{Lu}[\\p{L}'’-]*\\s+)?\\p{Lu}[\\p{L}'’-]*`,
  'gu',
);

/** compromise's built-in lexicon: word → tag, e.g. "mail" → "Singular", "john" → "MaleName". */
const LEXICON: Record<string, string | string[] | undefined> = (
  nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }
).model().one.lexicon;
const PERSON_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);

/** True when compromise knows `word` as something other than a name ("Mail", "Express", "Park"). */
function isDictionaryWord(word: string): boolean {
  const tags = LEXICON[word.toLowerCase()];
  if (tags === undefined) return false;
  return (Array.isArray(tags) ? tags : [tags]).some((t) => !PERSON_TAGS.has(t));
}

interface CompromisePerson {
  offset?: { start: number; length: number };
}

/** Names of people in `text` found by NLP and by the title + surname pattern, not yet checked against the store. */
export function findUnknownNames(text: string): NameFinding[] {
  const found: NameFinding[] = [];
  const doc = nlp(text);
  const people = doc.people().json({ offset: true }) as CompromisePerson[];
  for (const p of people) {
    if (!p.offset) continue;
    const c = cleanCandidate(text, p.offset.start, p.offset.start + p.offset.length);
    if (c) found.push(c);
  }
  // Fallback for names outside compromise's lexicon ("Karley Sauer"): runs of two or more
  // capitalised proper nouns, split at punctuation, through the same place / organisation filters.
  const proper = doc.match('#ProperNoun #ProperNoun+').json({ offset: true }) as CompromisePerson[];
  for (const p of proper) {
    if (!p.offset) continue;
    const from = p.offset.start;
    const raw = text.slice(from, from + p.offset.length);
    for (const seg of raw.matchAll(/[^,;:()\n\t/]+/g)) {
      const segStart = from + seg.index;
      const toks = tokens(text, segStart, segStart + seg[0].length).filter(
        (t) => !ROLE_WORDS.has(t.lower) && !LEADING_NOISE.has(t.lower),
      );
      if (toks.length < 2 || !toks.every((t) => isCapitalised(t.word))) continue;
      // Unlike people(), this fallback has no name evidence, so any ordinary word ("Royal Mail",
      // "Tesco Express", "Risk Assessment") rules the phrase out.
      if (toks.some((t) => t.word.split(/[-'’]/).some(isDictionaryWord))) continue;
      const c = cleanCandidate(text, toks[0]!.start, toks[toks.length - 1]!.end);
      if (c && c.text.split(/\s+/).length >= 2) found.push(c);
    }
  }
  for (const m of text.matchAll(TITLE_NAME_RE)) {
    const c = cleanCandidate(text, m.index, m.index + m[0].length);
    if (c) found.push(c);
  }
  return mergeSpans(found, text);
}

function mergeSpans(spans: NameFinding[], text: string): NameFinding[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: NameFinding[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) {
      if (s.end > prev.end) {
        prev.end = s.end;
        prev.text = text.slice(prev.start, prev.end);
      }
    } else out.push({ ...s });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Known people

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex source for a name: whitespace-tolerant, case-insensitive, on word boundaries. */
function namePattern(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => escapeRe(w).replace(/['’]/g, "['’]").replace(/-/g, '[-\\s]?'))
    .join('\\s+');
}

/** A regex source for an identifier: separators (space, hyphen, brackets) optional between characters. */
function identifierPattern(id: string): string {
  const chars = [...id.replace(/[\s()-]/g, '')];
  if (id.includes('@')) return escapeRe(id.trim());
  return chars.map((c) => escapeRe(c)).join('[\\s()-]{0,2}');
}

const BOUNDED = (src: string): string =>
  `(?<![\\p{L}\\p{N}@.+_-])(?:${src})(?![\\p{L}\\p{N}@_-]|\\.[\\p{L}\\p{N}])`;

interface NameForm {
  personId: string;
  pattern: RegExp;
  via: 'name' | 'identifier';
}

function splitName(name: string): { given: string; surname: string } | undefined {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => !TITLE_SET.has(w.toLowerCase().replace(/\.$/, '')));
  if (words.length < 2) return undefined;
  return { given: words[0]!, surname: words[words.length - 1]! };
}

/**
 * The matchers for a set of known people. Title + surname is used only when no other known person
 * has that surname; given name alone only when no other known person has that given name, it is
 * not a month or day (June, May), and only when capitalised in the text (many given names are also
 * ordinary words: Grace, Hope, Will).
 */
export function knownPersonMatchers(people: readonly KnownPerson[]): NameForm[] {
  const givenCount = new Map<string, Set<string>>();
  const surnameCount = new Map<string, Set<string>>();
  for (const p of people) {
    for (const n of p.names) {
      const s = splitName(n);
      if (!s) continue;
      const g = s.given.toLowerCase();
      const sn = s.surname.toLowerCase();
      givenCount.set(g, (givenCount.get(g) ?? new Set()).add(p.personId));
      surnameCount.set(sn, (surnameCount.get(sn) ?? new Set()).add(p.personId));
    }
  }
  const forms: NameForm[] = [];
  for (const p of people) {
    const nameSources = new Set<string>();
    const givenSources = new Set<string>();
    for (const n of p.names) {
      if (n.trim() === '') continue;
      nameSources.add(namePattern(n));
      const s = splitName(n);
      if (!s) continue;
      nameSources.add(`${namePattern(s.given)}\\s+${namePattern(s.surname)}`);
      if ((surnameCount.get(s.surname.toLowerCase())?.size ?? 0) === 1) {
        nameSources.add(`(?:${TITLES.join('|')})\\.?\\s+${namePattern(s.surname)}`);
      }
      const g = s.given.toLowerCase();
      if ((givenCount.get(g)?.size ?? 0) === 1 && s.given.length > 1 && !CALENDAR_WORDS.has(g)) {
        givenSources.add(escapeRe(s.given));
      }
    }
    if (nameSources.size > 0) {
      const src = [...nameSources].sort((a, b) => b.length - a.length).join('|');
      forms.push({ personId: p.personId, via: 'name', pattern: new RegExp(BOUNDED(src), 'giu') });
    }
    for (const g of givenSources) {
      // Case-sensitive on the first letter: "Grace said" but not "a grace period".
      const first = g[0]!;
      const src = `[${first.toUpperCase()}]${g.slice(1)}`;
      forms.push({ personId: p.personId, via: 'name', pattern: new RegExp(BOUNDED(src), 'gu') });
    }
    const ids = p.identifiers.filter((i) => i.replace(/[\s()-]/g, '').length >= 4).map(identifierPattern);
    if (ids.length > 0) {
      forms.push({
        personId: p.personId,
        via: 'identifier',
        pattern: new RegExp(BOUNDED(ids.join('|')), 'giu'),
      });
    }
  }
  return forms;
}

/** Every mention of a known person (by name or identifier) in `text`, sorted by start. */
export function findKnownPeople(text: string, people: readonly KnownPerson[]): KnownPersonFinding[] {
  const out: KnownPersonFinding[] = [];
  for (const f of knownPersonMatchers(people)) {
    for (const m of text.matchAll(f.pattern)) {
      if (m[0] === '') continue;
      out.push({ personId: f.personId, via: f.via, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
