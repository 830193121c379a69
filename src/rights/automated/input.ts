/** Checking what callers give for automated decisions: each problem names the field and the reason. */
import { lookup } from '../../manifest/lookup.ts';
import type { Activity, Manifest } from '../../manifest/schema.ts';
import { InputError } from '../../records/errors.ts';
import { cleanText } from '../../records/formats.ts';
import type { Outcome, Scalar } from './rows.ts';

const isScalar = (v: unknown): v is Scalar =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

/** The activity and the automated decision it declares; both must be in the manifest. */
export function declaredDecision(manifest: Manifest, activityId: unknown, decision: unknown) {
  const activity = typeof activityId === 'string' ? lookup(manifest).activities.get(activityId) : undefined;
  if (!activity)
    throw new InputError('activityId', `${JSON.stringify(activityId)} is not a declared activity`);
  const declared = activity.automatedDecisions === 'none' ? [] : activity.automatedDecisions;
  const found = declared.find((d) => d.id === decision);
  if (!found)
    throw new InputError(
      'decision',
      declared.length
        ? `${JSON.stringify(decision)} is not an automated decision of ${activity.name}; it declares ${declared.map((d) => d.id).join(', ')}`
        : `${activity.name} declares no automated decisions`,
    );
  return { activity, declared: found };
}

export function checkInputs(value: unknown): Record<string, Scalar> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('inputs', 'must be an object of named values');
  const entries = Object.entries(value);
  if (entries.length > 100) throw new InputError('inputs', 'must have at most 100 values');
  for (const [name, v] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,60}$/.test(name))
      throw new InputError('inputs', `"${name.slice(0, 40)}" is not a name such as householdSize`);
    if (!isScalar(v)) throw new InputError(`inputs.${name}`, 'must be text, a number, true, false or null');
  }
  return Object.fromEntries(entries) as Record<string, Scalar>;
}

export function checkOutcome(value: unknown, field = 'outcome'): Outcome {
  const o = value as Outcome | undefined;
  if (typeof o !== 'object' || o === null || !('value' in o))
    throw new InputError(field, 'is required: { value, summary? }');
  if (!isScalar(o.value))
    throw new InputError(`${field}.value`, 'must be text, a number, true, false or null');
  if (o.summary !== undefined && (typeof o.summary !== 'string' || !o.summary.trim()))
    throw new InputError(`${field}.summary`, 'must be text');
  return o.summary === undefined ? { value: o.value } : { value: o.value, summary: cleanText(o.summary) };
}

export function checkVersion(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new InputError('logicVersion', 'is required');
  if (value.length > 100) throw new InputError('logicVersion', 'must be at most 100 characters');
  return value.trim();
}

/** A past or present instant, ISO 8601 with an offset. */
export function checkInstant(value: unknown, field: string, now: Date): Date {
  if (value === undefined) return now;
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime()))
    throw new InputError(
      field,
      `${JSON.stringify(value)} is not a date and time such as 2026-11-23T10:00:00Z`,
    );
  if (at > now) throw new InputError(field, 'is in the future');
  return at;
}

/** An input's label: the field of that name in a record type the activity uses, else its name in words. */
export function inputLabel(manifest: Manifest, activity: Activity, name: string): string {
  for (const type of manifest.recordTypes) {
    if (!type.activities.includes(activity.id)) continue;
    const field = type.fields.find((f) => f.name === name);
    if (field?.label) return field.label;
  }
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
