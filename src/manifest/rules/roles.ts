/**
 * Need-to-know, checked before anything runs: a role may be given only the fields whose
 * categories one of its purposes covers, and record types are well formed.
 */
import { lookup } from '../lookup.ts';
import type { Finding } from '../problems.ts';
import { SUBJECT_ACCESS_ACTIVITY } from '../reserved.ts';
import type { Manifest } from '../schema.ts';
import { didYouMean } from '../suggest.ts';

export function checkRecordTypes(manifest: Manifest): Finding[] {
  const { activities } = lookup(manifest);
  const findings: Finding[] = [];
  manifest.recordTypes.forEach((type, i) => {
    const served = type.activities.map((a) => activities.get(a)).filter((a) => a !== undefined);
    const seen = new Set<string>();
    type.fields.forEach((field, j) => {
      const at = ['recordTypes', i, 'fields', j];
      if (seen.has(field.name))
        findings.push({
          rule: 'record/duplicate-field',
          message: `field "${field.name}" is declared twice`,
          path: [...at, 'name'],
        });
      seen.add(field.name);
      if (served.length > 0 && !served.some((a) => a.categories.includes(field.category))) {
        findings.push({
          rule: 'record/category-not-in-activities',
          message: `field "${field.name}" holds "${field.category}", which none of the activities this record type serves collects`,
          path: [...at, 'category'],
        });
      }
      if (field.type === 'enum' && !field.values?.length) {
        findings.push({
          rule: 'record/enum-without-values',
          message: `enum field "${field.name}" needs "values"`,
          path: at,
        });
      }
    });
    for (const [stage, fieldName] of Object.entries(type.lifecycle ?? {})) {
      if (fieldName && !seen.has(fieldName)) {
        findings.push({
          rule: 'record/unknown-lifecycle-field',
          message: `lifecycle.${stage} names "${fieldName}", which is not a field of this record type${didYouMean(fieldName, seen)}`,
          path: ['recordTypes', i, 'lifecycle', stage],
        });
      }
    }
  });
  return findings;
}

export function checkRoles(manifest: Manifest): Finding[] {
  const { activities, recordTypes } = lookup(manifest);
  const findings: Finding[] = [];
  manifest.roles.forEach((role, i) => {
    const covered = new Set(role.purposes.flatMap((p) => activities.get(p)?.categories ?? []));
    if (role.scope === 'team' && !role.team) {
      findings.push({
        rule: 'role/team-scope-without-team',
        message: 'a team-scoped role must name its "team"',
        path: ['roles', i, 'scope'],
      });
    }
    role.access.forEach((access, j) => {
      const type = recordTypes.get(access.recordType);
      if (!type) return;
      const at = ['roles', i, 'access', j];
      // Counting across people only: writing would need seeing one person's values first.
      if (access.aggregate && access.write) {
        findings.push({
          rule: 'role/aggregate-with-write',
          message: `"aggregate" access to "${access.recordType}" counts across people and cannot also "write"; give write access in its own entry or drop "aggregate"`,
          path: [...at, 'aggregate'],
        });
      }
      if (!type.activities.some((a) => role.purposes.includes(a))) {
        findings.push({
          rule: 'role/record-type-outside-purpose',
          message: `"${access.recordType}" serves none of this role's purposes (${role.purposes.join(', ')})`,
          path: [...at, 'recordType'],
        });
      }
      // Outside its team a segregated type may be granted only to answer subject access requests
      // (read, under that purpose alone): the gate opens it just while a request is answered.
      const onlyForAccessRequests =
        !access.write &&
        type.activities.every((a) => a === SUBJECT_ACCESS_ACTIVITY || !role.purposes.includes(a));
      if (type.segregated && role.team !== type.segregated && !onlyForAccessRequests) {
        findings.push({
          rule: 'role/segregated-record-type',
          message: `"${access.recordType}" is visible only to team "${type.segregated}"`,
          path: [...at, 'recordType'],
        });
      }
      const names = type.fields.map((f) => f.name);
      const fields = access.fields === '*' ? type.fields : [];
      if (access.fields !== '*') {
        access.fields.forEach((name, k) => {
          const field = type.fields.find((f) => f.name === name);
          if (!field) {
            findings.push({
              rule: 'ref/dangling',
              message: `"${name}" is not a field of "${type.id}"${didYouMean(name, names)}`,
              path: [...at, 'fields', k],
            });
          } else fields.push(field);
        });
      }
      for (const field of fields) {
        if (!covered.has(field.category)) {
          const k = access.fields === '*' ? undefined : access.fields.indexOf(field.name);
          findings.push({
            rule: 'role/field-outside-purpose',
            message: `field "${type.id}.${field.name}" holds "${field.category}", which none of this role's purposes covers`,
            path: k === undefined ? [...at, 'fields'] : [...at, 'fields', k],
          });
        }
      }
    });
  });
  return findings;
}
