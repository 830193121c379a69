/** Every activity says how long its data is kept, and every rule can actually be run. */
import type { Finding } from '../problems.ts';
import { RETENTION_TRIGGERS, type Manifest } from '../schema.ts';
import { didYouMean } from '../suggest.ts';

export const EVENT_TRIGGER_PREFIX = 'event:';

export function isBuiltInTrigger(trigger: string): trigger is (typeof RETENTION_TRIGGERS)[number] {
  return (RETENTION_TRIGGERS as readonly string[]).includes(trigger);
}

function checkTrigger(manifest: Manifest, trigger: string, path: (string | number)[]): Finding[] {
  if (isBuiltInTrigger(trigger)) return [];
  if (trigger.startsWith(EVENT_TRIGGER_PREFIX)) {
    const eventId = trigger.slice(EVENT_TRIGGER_PREFIX.length);
    const declared = manifest.events.map((e) => e.id);
    if (declared.includes(eventId)) return [];
    return [
      {
        rule: 'retention/unknown-event',
        message: `"${eventId}" is not a declared controller event${didYouMean(eventId, declared)}; declare it under "events"`,
        path,
      },
    ];
  }
  const candidates = [...RETENTION_TRIGGERS, ...manifest.events.map((e) => EVENT_TRIGGER_PREFIX + e.id)];
  return [
    {
      rule: 'retention/unknown-trigger',
      message: `"${trigger}" is not a retention trigger${didYouMean(trigger, candidates)}; use one of ${RETENTION_TRIGGERS.join(', ')} or event:<id>`,
      path,
    },
  ];
}

export function checkRetention(manifest: Manifest): Finding[] {
  const findings: Finding[] = [];
  manifest.retention.forEach((rule, i) =>
    findings.push(...checkTrigger(manifest, rule.trigger, ['retention', i, 'trigger'])),
  );
  manifest.activities.forEach((activity, i) => {
    if (!activity.retention) {
      findings.push({
        rule: 'retention/missing',
        message: `"${activity.id}" has no retention rule; every activity must say how long its data is kept`,
        path: ['activities', i],
      });
    }
  });
  const used = new Set([
    ...manifest.activities.map((a) => a.retention),
    ...manifest.recordTypes.map((t) => t.retention),
  ]);
  manifest.retention.forEach((rule, i) => {
    if (!used.has(rule.id)) {
      findings.push({
        rule: 'retention/unused',
        severity: 'warning',
        message: `retention rule "${rule.id}" is not used`,
        path: ['retention', i, 'id'],
      });
    }
  });
  return findings;
}
