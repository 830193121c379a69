/**
 * The lawful-basis columns of the record: Art. 6 basis, Art. 9 condition, Schedule 1 and Art. 10
 * conditions, legitimate interests and the rights each basis carries. Read from the law tables
 * in vocabulary/law.ts so the record and the notice name the law the same way.
 */
import { basisCategories, lookup } from '../../manifest/lookup.ts';
import { basisLabel } from '../../manifest/rules/lawful-basis.ts';
import type { Activity, LawfulBasis, Manifest } from '../../manifest/schema.ts';
import {
  ART9_CONDITIONS,
  LAWFUL_BASES,
  RIGHTS,
  RIGHTS_BY_BASIS,
  RIGHTS_FOR_EVERY_BASIS,
  SCHEDULE1,
  type LawfulBasisId,
  type RightId,
} from '../../manifest/vocabulary/law.ts';
import { NOT_APPLICABLE, NOT_RECORDED } from './columns.ts';
import { linesCell, listCell, unique } from './words.ts';

/** Does the activity hold special category or criminal offence data? Columns 26 to 30 turn on it. */
export function holdsSpecialOrCriminal(manifest: Manifest, activity: Activity): boolean {
  const { categories } = lookup(manifest);
  return activity.categories.some((id) => (categories.get(id)?.kind ?? 'ordinary') !== 'ordinary');
}

function coversSpecialOrCriminal(manifest: Manifest, activity: Activity, basis: LawfulBasis): boolean {
  const { categories } = lookup(manifest);
  return basisCategories(activity, basis).some(
    (id) => (categories.get(id)?.kind ?? 'ordinary') !== 'ordinary',
  );
}

/**
 * " (for Health; Criminal offences)" when a basis covers only some of the activity's categories.
 * Semicolons, because category names often hold commas themselves.
 */
function coverage(manifest: Manifest, basis: LawfulBasis): string {
  if (!basis.categories) return '';
  const { categories } = lookup(manifest);
  return ` (for ${basis.categories.map((id) => categories.get(id)?.name ?? id).join('; ')})`;
}

function basisLine(manifest: Manifest, basis: LawfulBasis): string {
  const detail = basis.detail ? `: ${basis.detail}` : '';
  return `${basisLabel(basis.basis)}${detail}${coverage(manifest, basis)}`;
}

/** A processor has no basis of its own: the controller it acts for decides, and answers requests. */
function processorNote(manifest: Manifest, activity: Activity): string | undefined {
  if (activity.role !== 'processor') return undefined;
  const controller = activity.onBehalfOf ? lookup(manifest).recipients.get(activity.onBehalfOf) : undefined;
  return `We process this data as a processor for ${controller?.name ?? 'another controller'}`;
}

export function article6Cell(manifest: Manifest, activity: Activity): string {
  const empty = processorNote(manifest, activity) ?? NOT_RECORDED;
  return linesCell(unique(activity.lawfulBases.map((b) => basisLine(manifest, b))), empty);
}

/** Column 27: the Art. 6 basis for the special category and criminal offence data only. */
export function specialArticle6Cell(manifest: Manifest, activity: Activity): string {
  if (!holdsSpecialOrCriminal(manifest, activity)) return NOT_APPLICABLE;
  const bases = activity.lawfulBases.filter((b) => coversSpecialOrCriminal(manifest, activity, b));
  return linesCell(unique(bases.map((b) => basisLine(manifest, b))), NOT_RECORDED);
}

export function article9Cell(manifest: Manifest, activity: Activity): string {
  const { categories } = lookup(manifest);
  const special = activity.categories.some((id) => categories.get(id)?.kind === 'special');
  const lines = activity.lawfulBases.flatMap((b) =>
    b.art9 ? [`Art. 9(2)(${b.art9}) ${ART9_CONDITIONS[b.art9].label}${coverage(manifest, b)}`] : [],
  );
  return linesCell(unique(lines), special ? NOT_RECORDED : NOT_APPLICABLE);
}

function paragraphLine(prefix: string, paragraph: number): string {
  const entry = SCHEDULE1[paragraph];
  const where = entry ? `Sch. 1 Pt ${entry.part} para ${paragraph}` : `Sch. 1 para ${paragraph}`;
  return `${prefix}${where}: ${entry?.label ?? 'unknown paragraph'}`;
}

/** Column 26: every DPA 2018 Schedule 1 condition, for Art. 9 and for Art. 10, with its label. */
export function schedule1Cell(manifest: Manifest, activity: Activity): string {
  if (!holdsSpecialOrCriminal(manifest, activity)) return NOT_APPLICABLE;
  const lines = activity.lawfulBases.flatMap((b) => {
    const art9 = b.schedule1.map((p) => paragraphLine(b.art9 ? `Art. 9(2)(${b.art9}) with ` : '', p));
    const art10 = (b.art10?.schedule1 ?? []).map((p) => paragraphLine('Art. 10 with ', p));
    const authority = b.art10?.officialAuthority
      ? [`Art. 10 under official authority: ${b.art10.officialAuthority}`]
      : [];
    return [...art9, ...art10, ...authority];
  });
  return linesCell(unique(lines), 'No Schedule 1 condition relied on');
}

export function legitimateInterestsCell(manifest: Manifest, activity: Activity): string {
  const lines = activity.lawfulBases.flatMap((b) => {
    if (b.basis === 'legitimate-interests') return [`${b.interest ?? NOT_RECORDED}${coverage(manifest, b)}`];
    if (b.basis === 'recognised-legitimate-interest') {
      return [`Recognised legitimate interest: ${b.detail ?? NOT_RECORDED}${coverage(manifest, b)}`];
    }
    return [];
  });
  return linesCell(unique(lines), NOT_APPLICABLE);
}

export function assessmentCell(activity: Activity): string {
  const li = activity.lawfulBases.filter((b) => b.basis === 'legitimate-interests');
  if (li.length === 0) return NOT_APPLICABLE;
  return listCell(unique(li.flatMap((b) => (b.assessment ? [b.assessment] : []))), NOT_RECORDED);
}

export function consentRecordCell(activity: Activity): string {
  // Consent given through Custos is kept, with its withdrawal, in the consent ledger.
  return activity.lawfulBases.some((b) => b.basis === 'consent') ? 'Custos consent ledger' : NOT_APPLICABLE;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function rightLine(right: RightId, carriers: LawfulBasisId[], bases: LawfulBasisId[]): string {
  const label = `${RIGHTS[right].label} (${RIGHTS[right].article})`;
  if (carriers.length === bases.length) return label;
  const where = carriers.map((b) => lowerFirst(LAWFUL_BASES[b].label)).join(' or ');
  return `${label}, where we rely on ${where}`;
}

export function hasAutomatedDecisions(activity: Activity): boolean {
  return activity.automatedDecisions !== 'none' && activity.automatedDecisions.length > 0;
}

/**
 * The rights that apply, from the ICO's table of rights by basis, each with the activity's bases
 * that carry it. Rights about automated decisions follow the decisions, not the basis.
 */
export function activityRights(activity: Activity): { right: RightId; carriers: LawfulBasisId[] }[] {
  const bases = unique(activity.lawfulBases.map((b) => b.basis));
  return (Object.keys(RIGHTS) as RightId[]).flatMap((right) => {
    const everywhere =
      RIGHTS_FOR_EVERY_BASIS.includes(right) ||
      (right === 'automated-decisions' && hasAutomatedDecisions(activity));
    const carriers = everywhere ? bases : bases.filter((b) => RIGHTS_BY_BASIS[b].includes(right));
    return carriers.length > 0 ? [{ right, carriers }] : [];
  });
}

/** A right carried by only some of the bases is qualified, so erasure is not promised for data kept by law. */
export function rightsCell(manifest: Manifest, activity: Activity): string {
  const bases = unique(activity.lawfulBases.map((b) => b.basis));
  if (bases.length === 0) return processorNote(manifest, activity) ?? NOT_RECORDED;
  return activityRights(activity)
    .map(({ right, carriers }) => rightLine(right, carriers, bases))
    .join('\n');
}
