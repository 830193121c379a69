/**
 * A labelled synthetic corpus of social-landlord text (case notes, contact logs, emails) for
 * measuring the third-party redaction detectors. Each document carries its ground truth: every
 * mention of a known person, an unknown person, a structured identifier, and the requester's own
 * data (which must never be redacted). All people are invented by a seeded faker; see
 * identifiers.ts for the synthetic ranges used.
 */
import { Faker, base, en, en_GB } from '@faker-js/faker';
import type { KnownPerson } from '../../../src/rights/redaction/index.ts';
import type { IdentifierKind } from '../../../src/rights/redaction/index.ts';
import * as ids from './identifiers.ts';
import { seededRng, type Rng } from './rng.ts';
import { TEMPLATES, type DocType } from './templates.ts';

/** What a truth span is: the class decides whether it must be redacted. */
export type TruthClass = 'known-person' | 'unknown-name' | 'identifier' | 'requester';

export interface TruthSpan {
  start: number;
  end: number;
  cls: TruthClass;
  /** 'name' for names; the identifier kind for identifiers. */
  kind: 'name' | IdentifierKind;
  personId?: string;
  text: string;
}

export interface CorpusDoc {
  id: string;
  type: DocType;
  template: string;
  text: string;
  spans: TruthSpan[];
  requester: KnownPerson;
  knownPeople: KnownPerson[];
}

export interface SynthPerson {
  personId: string;
  given: string;
  surname: string;
  title: string;
  phone: string;
  email: string;
  nino: string;
  nhs: string;
  postcode: string;
  licence: string;
  sortCode: string;
  account: string;
}

/** Builds text and records span offsets as it goes. */
export class DocBuilder {
  text = '';
  spans: TruthSpan[] = [];
  constructor(
    readonly r: Rng,
    readonly world: World,
  ) {}

  t(s: string): this {
    this.text += s;
    return this;
  }

  mark(s: string, cls: TruthClass, kind: TruthSpan['kind'], personId?: string): this {
    const start = this.text.length;
    this.text += s;
    this.spans.push({ start, end: this.text.length, cls, kind, text: s, ...(personId ? { personId } : {}) });
    return this;
  }

  private clsOf(p: SynthPerson): TruthClass {
    if (p === this.world.requester) return 'requester';
    return this.world.known.includes(p) ? 'known-person' : 'unknown-name';
  }

  /** A mention of a person by name, in a form the store's matcher (or NLP) should find. */
  name(p: SynthPerson, form?: 'full' | 'title' | 'given'): this {
    const cls = this.clsOf(p);
    const unknown = cls === 'unknown-name';
    const f =
      form ??
      (unknown
        ? this.r.pick(['full', 'full', 'title'] as const)
        : this.r.pick(['full', 'title', 'given'] as const));
    const pid = unknown ? undefined : p.personId;
    if (f === 'full') return this.mark(`${p.given} ${p.surname}`, cls, 'name', pid);
    if (f === 'title') {
      // The title is outside the span: the name is what identifies (redacting the title too is fine).
      return this.t(`${p.title} `).mark(p.surname, cls, 'name', pid);
    }
    return this.mark(p.given, cls, 'name', pid);
  }

  /** A mention of one of a person's identifiers. Unknown people's identifiers are class 'identifier'. */
  id(p: SynthPerson, kind: IdentifierKind): this {
    const cls0 = this.clsOf(p);
    const cls: TruthClass = cls0 === 'unknown-name' ? 'identifier' : cls0;
    const value: Record<IdentifierKind, string> = {
      'ni-number': p.nino,
      'nhs-number': p.nhs,
      postcode: p.postcode,
      phone: p.phone,
      email: p.email,
      'sort-code': p.sortCode,
      'bank-account-number': p.account,
      'driving-licence': p.licence,
    };
    return this.mark(value[kind], cls, kind, cls === 'identifier' ? undefined : p.personId);
  }
}

export interface World {
  requester: SynthPerson;
  /** Known to the store, not the requester: a neighbour, a household member, staff. */
  neighbour: SynthPerson;
  officer: SynthPerson;
  known: SynthPerson[];
  /** Not in the store: witnesses, visitors, contractors' operatives, callers. */
  witness: SynthPerson;
  visitor: SynthPerson;
  street: string;
  otherStreet: string;
  house: number;
}

const STREETS = [
  'Acacia Road',
  'Church Lane',
  'Victoria Street',
  'Station Road',
  'Mill Lane',
  'Park Avenue',
  'Nelson Close',
  'Beech Grove',
  'Albert Terrace',
  'Kings Crescent',
  'Windsor Gardens',
  'Chapel Street',
  'Oak Drive',
  'Elm Court',
  'Granville Mews',
  'Hawthorn Way',
  'Primrose Walk',
  'Orchard Place',
];

function person(f: Faker, r: Rng, personId: string, taken: Set<string>): SynthPerson {
  let given = '';
  let surname = '';
  let sex: 'female' | 'male' = 'female';
  do {
    sex = r.chance(0.5) ? 'female' : 'male';
    given = f.person.firstName(sex);
    surname = f.person.lastName();
  } while (taken.has(given.toLowerCase()) || taken.has(surname.toLowerCase()) || given.length < 3);
  taken.add(given.toLowerCase());
  taken.add(surname.toLowerCase());
  const title = sex === 'female' ? r.pick(['Mrs', 'Ms', 'Miss']) : 'Mr';
  return {
    personId,
    given,
    surname,
    title,
    phone: ids.phone(r),
    email: ids.email(r, given, surname),
    nino: ids.nino(r),
    nhs: ids.nhsNumber(r),
    postcode: ids.postcode(r),
    licence: ids.drivingLicence(r, given, surname),
    sortCode: ids.sortCode(r),
    account: ids.accountNumber(r),
  };
}

const asKnown = (p: SynthPerson): KnownPerson => ({
  personId: p.personId,
  names: [`${p.given} ${p.surname}`],
  identifiers: [p.phone, p.email, p.nino, p.nhs, p.postcode, p.licence, p.sortCode, p.account],
});

/** Generate `count` labelled documents, identical for the same seed. */
export function generateCorpus(count = 600, seed = 20261123): CorpusDoc[] {
  const r = seededRng(seed);
  const f = new Faker({ locale: [en_GB, en, base] });
  f.seed(seed);
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < count; i++) {
    const taken = new Set<string>();
    const requester = person(f, r, `tenant-${i}-r`, taken);
    const neighbour = person(f, r, `tenant-${i}-n`, taken);
    const officer = person(f, r, `staff-${i}`, taken);
    const witness = person(f, r, `unknown-${i}-w`, taken);
    const visitor = person(f, r, `unknown-${i}-v`, taken);
    const street = r.chance(0.7) ? r.pick(STREETS) : f.location.street();
    const world: World = {
      requester,
      neighbour,
      officer,
      known: [neighbour, officer],
      witness,
      visitor,
      street,
      otherStreet: r.pick(STREETS.filter((s) => s !== street)),
      house: r.int(1, 120),
    };
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const b = new DocBuilder(r, world);
    template.build(b, world, r);
    docs.push({
      id: `doc-${i}`,
      type: template.type,
      template: template.name,
      text: b.text,
      spans: b.spans,
      requester: asKnown(requester),
      knownPeople: world.known.map(asKnown),
    });
  }
  return docs;
}
