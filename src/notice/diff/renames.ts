/** Ids changed while names stayed: worth recording for the people who maintain the manifest, nothing for tenants. */
import type { DiffContext, RenamableCollection } from './context.ts';
import { minor, type FoundChange } from './types.ts';

const COLLECTIONS: readonly RenamableCollection[] = [
  'activities',
  'subjects',
  'categories',
  'sources',
  'recipients',
  'retention',
];

export function renameChanges(ctx: DiffContext): FoundChange[] {
  const changes = COLLECTIONS.flatMap((collection) =>
    [...ctx[collection].renamed].map(([oldId, newId]) =>
      minor(
        'id-renamed',
        `${collection}.${newId}`,
        `The id "${oldId}" is now "${newId}"; the entry is otherwise the same for people`,
      ),
    ),
  );
  if (ctx.old.controller.id !== ctx.next.controller.id) {
    const summary = `The controller id "${ctx.old.controller.id}" is now "${ctx.next.controller.id}"`;
    changes.push(minor('id-renamed', 'controller.id', summary));
  }
  return changes;
}
