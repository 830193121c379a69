/**
 * The law's demands on each activity: a lawful basis, Art. 9 and Schedule 1 conditions for
 * special category data, Art. 10 authority for criminal offence data, an assessment for
 * legitimate interests, a withdrawal route for consent.
 */
import { basisCategories, lookup } from '../lookup.ts';
import type { Finding } from '../problems.ts';
import type { Activity, Manifest } from '../schema.ts';
import { ART9_CONDITIONS, ART9_SCHEDULE1_PARTS, LAWFUL_BASES, SCHEDULE1 } from '../vocabulary/law.ts';

function checkBasis(activity: Activity, at: (string | number)[], manifest: Manifest): Finding[] {
  const findings: Finding[] = [];
  activity.lawfulBases.forEach((basis, j) => {
    const here = [...at, 'lawfulBases', j];
    if (basis.basis === 'legitimate-interests' && !basis.assessment) {
      findings.push({
        rule: 'basis/li-without-assessment',
        message:
          'legitimate interests is relied on without a legitimate interests assessment (give "assessment")',
        path: here,
      });
    }
    if (basis.basis === 'legitimate-interests' && manifest.controller.publicAuthority) {
      findings.push({
        rule: 'basis/li-public-authority',
        severity: 'warning',
        message:
          'a public authority cannot rely on legitimate interests for its public tasks (Art. 6(1) last sentence)',
        path: [...here, 'basis'],
      });
    }
    if (basis.basis === 'consent' && !basis.withdrawal) {
      findings.push({
        rule: 'basis/consent-without-withdrawal',
        message: 'consent is relied on with no way to withdraw it (give "withdrawal")',
        path: here,
      });
    }
    if (basis.art9) {
      const need = ART9_SCHEDULE1_PARTS[basis.art9];
      if (ART9_CONDITIONS[basis.art9].needsSchedule1 && basis.schedule1.length === 0) {
        findings.push({
          rule: 'art9/missing-schedule1',
          message: `Art. 9(2)(${basis.art9}) needs a DPA 2018 Schedule 1 condition (give "schedule1", e.g. [${need?.[0] === 1 ? 1 : 6}])`,
          path: [...here, 'art9'],
        });
      }
      basis.schedule1.forEach((para, k) => {
        const part = SCHEDULE1[para]?.part;
        if (need && part !== undefined && !need.includes(part)) {
          findings.push({
            rule: 'art9/schedule1-wrong-part',
            message: `Schedule 1 paragraph ${para} is in Part ${part}, which does not serve Art. 9(2)(${basis.art9}) (Part ${need.join(' or ')} does)`,
            path: [...here, 'schedule1', k],
          });
        }
      });
    }
  });
  return findings;
}

function checkCategoryConditions(activity: Activity, at: (string | number)[], manifest: Manifest): Finding[] {
  const { categories } = lookup(manifest);
  const findings: Finding[] = [];
  activity.categories.forEach((catId, k) => {
    const category = categories.get(catId);
    if (!category || category.kind === 'ordinary') return;
    const covering = activity.lawfulBases.filter((b) => basisCategories(activity, b).includes(catId));
    if (category.kind === 'special' && !covering.some((b) => b.art9)) {
      findings.push({
        rule: 'art9/missing-condition',
        message: `"${catId}" is special category data but no lawful basis covering it gives an Art. 9 condition ("art9")`,
        path: [...at, 'categories', k],
      });
    }
    if (
      category.kind === 'criminal' &&
      !covering.some((b) => b.art10 && (b.art10.officialAuthority || b.art10.schedule1.length > 0))
    ) {
      findings.push({
        rule: 'art10/missing-authority',
        message: `"${catId}" is criminal offence data but no lawful basis covering it gives Art. 10 authority ("art10" with "officialAuthority" or "schedule1")`,
        path: [...at, 'categories', k],
      });
    }
  });
  return findings;
}

export function checkLawfulBases(manifest: Manifest): Finding[] {
  return manifest.activities.flatMap((activity, i) => {
    const at = ['activities', i];
    if (activity.role === 'processor') {
      return activity.onBehalfOf
        ? []
        : [
            {
              rule: 'activity/processor-without-controller',
              message: 'a processor activity must name the controller it acts for ("onBehalfOf")',
              path: at,
            },
          ];
    }
    if (activity.lawfulBases.length === 0) {
      return [
        {
          rule: 'basis/missing',
          message: `"${activity.id}" has no lawful basis (Art. 6); give "lawfulBases"`,
          path: at,
        },
      ];
    }
    // An undeclared category is reported once, as a dangling reference, not again here.
    const declared = lookup(manifest).categories;
    const uncovered = activity.categories.filter(
      (cat) =>
        declared.has(cat) && !activity.lawfulBases.some((b) => basisCategories(activity, b).includes(cat)),
    );
    const coverage: Finding[] = uncovered.map((cat) => ({
      rule: 'basis/category-uncovered',
      message: `no lawful basis covers "${cat}" (each basis lists the categories it covers)`,
      path: [...at, 'categories', activity.categories.indexOf(cat)],
    }));
    return [
      ...checkBasis(activity, at, manifest),
      ...checkCategoryConditions(activity, at, manifest),
      ...coverage,
    ];
  });
}

export function basisLabel(basis: keyof typeof LAWFUL_BASES): string {
  const b = LAWFUL_BASES[basis];
  return `${b.label} (Art. ${b.article})`;
}
