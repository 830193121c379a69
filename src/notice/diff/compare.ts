/** diffManifests: every change between two manifests, sorted into what people must be told first and what not. */
import type { Manifest } from '../../manifest/schema.ts';
import { activitiesChanges } from './activities.ts';
import { catalogueChanges } from './catalogue.ts';
import { diffContext } from './context.ts';
import { controllerChanges } from './controller.ts';
import { cookieChanges } from './cookies.ts';
import { noticeChanges, promiseChanges } from './notice.ts';
import { renameChanges } from './renames.ts';
import { retentionChanges } from './retention.ts';
import type { Change, FoundChange, ManifestDiff } from './types.ts';

function withoutLevel({ kind, path, summary }: FoundChange): Change {
  return { kind, path, summary };
}

export function diffManifests(old: Manifest, next: Manifest): ManifestDiff {
  const ctx = diffContext(old, next);
  const found = [
    ...controllerChanges(old.controller, next.controller),
    ...promiseChanges(old.promises, next.promises),
    ...activitiesChanges(ctx),
    ...retentionChanges(ctx),
    ...catalogueChanges(ctx),
    ...cookieChanges(old.cookies, next.cookies),
    ...noticeChanges(old.notice, next.notice),
    ...renameChanges(ctx),
  ];
  return {
    material: found.filter((change) => change.material).map(withoutLevel),
    minor: found.filter((change) => !change.material).map(withoutLevel),
  };
}
