/** Comparing two privacy manifests: what changed, and whether people must be told before it takes effect. */
export { diffManifests } from './compare.ts';
export { formatDiff, MATERIAL_HEADING, MINOR_HEADING, NO_CHANGES, type DiffFormat } from './format.ts';
export { approxDays, compareDurations, comparePeriodsInPractice, periodSeconds } from './periods.ts';
export type { Change, ManifestDiff } from './types.ts';
