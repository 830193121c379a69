/**
 * Validate and render a generated manifest with 500 activities. The baseline is parsing the same
 * YAML and nothing else: the floor any manifest tool pays.
 */
import { parseDocument } from 'yaml';
import { validateText } from '../src/manifest/validate.ts';
import { buildNotice, renderNotice, renderNoticePdf } from '../src/notice/render.ts';
import { generateManifestText } from './generate-manifest.ts';
import { medianMs, report } from './timing.ts';

export async function benchManifest(): Promise<boolean> {
  const text = generateManifestText(500);
  const first = validateText('bench.yaml', text, { today: '2026-11-23' });
  const errors = first.problems.filter((p) => p.severity === 'error');
  if (!first.manifest || errors.length)
    throw new Error(`generated manifest is invalid: ${errors[0]?.message}`);
  const manifest = first.manifest;
  console.log(
    `manifest: ${manifest.activities.length} activities, ${manifest.recipients.length} recipients, ${(text.length / 1024).toFixed(0)} KiB of YAML`,
  );
  const parseOnly = await medianMs(() => parseDocument(text).toJS());
  return report([
    { name: 'YAML parse only (baseline)', ms: parseOnly },
    {
      name: 'validate (parse + schema + rules + positions)',
      ms: await medianMs(() => validateText('bench.yaml', text)),
      baselineMs: parseOnly,
      targetMs: 300,
    },
    { name: 'render notice: document model', ms: await medianMs(() => buildNotice(manifest)) },
    { name: 'render notice: HTML', ms: await medianMs(() => renderNotice(manifest, 'html')), targetMs: 300 },
    { name: 'render notice: text', ms: await medianMs(() => renderNotice(manifest, 'txt')), targetMs: 300 },
    { name: 'render notice: PDF', ms: await medianMs(() => renderNoticePdf(manifest), 5, 1), targetMs: 300 },
  ]);
}
