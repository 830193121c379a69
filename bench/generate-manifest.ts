/** A large synthetic manifest for benchmarks: the starter, scaled to N activities. */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const STARTER = new URL('../src/manifest/starter.yaml', import.meta.url).pathname;

interface Raw {
  activities: Record<string, unknown>[];
  categories: Record<string, unknown>[];
  recipients: Record<string, unknown>[];
  retention: Record<string, unknown>[];
  [key: string]: unknown;
}

export function generateManifestText(activityCount: number): string {
  const raw = parse(readFileSync(STARTER, 'utf8')) as Raw;
  const templates = raw.activities;
  const activities: Record<string, unknown>[] = [];
  const recipients = [...raw.recipients];
  for (let i = 0; i < activityCount; i++) {
    const template = structuredClone(templates[i % templates.length]!);
    const recipientId = `partner-${i}`;
    recipients.push({
      id: recipientId,
      name: `Partner organisation ${i}`,
      level: 'organisation',
      role: 'controller',
    });
    activities.push({
      ...template,
      id: `${template.id as string}-${i}`,
      name: `${template.name as string} (${i})`,
      recipients: [...((template.recipients as string[]) ?? []), recipientId],
    });
  }
  // Record types and roles refer to the starter's activity ids, which the copies keep as a prefix.
  const recordTypes = (raw.recordTypes as { activities: string[] }[]).map((t) => ({
    ...t,
    activities: t.activities.map((a) => `${a}-${templates.findIndex((x) => x.id === a)}`),
  }));
  const roles = (raw.roles as { purposes: string[] }[]).map((r) => ({
    ...r,
    purposes: r.purposes.map((a) => `${a}-${templates.findIndex((x) => x.id === a)}`),
  }));
  return stringify({ ...raw, activities, recipients, recordTypes, roles }, { lineWidth: 0 });
}
