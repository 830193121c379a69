/**
 * The layered UK GDPR Art. 13/14 notice as a format-free document: a short summary, then the
 * sections in the order the ICO's guidance on the right to be informed expects.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { dayWords } from '../manifest/words.ts';
import { joinWords, p, type NoticeDocument, type Section } from './document.ts';
import {
  specialCategoryData,
  whatWeCollect,
  whoThisIsAbout,
  whoWeAre,
  whyWeUseIt,
} from './sections/about.ts';
import {
  automatedDecisions,
  changes,
  complaints,
  cookies,
  howToUseRights,
  yourRights,
} from './sections/rights.ts';
import { howLongWeKeepIt, howWeKeepItSafe, transfers, whoWeShareWith } from './sections/sharing.ts';

function generatedSummary(manifest: Manifest): string[] {
  const c = manifest.controller;
  const { categories } = lookup(manifest);
  const sensitive = manifest.categories.filter((x) => x.kind !== 'ordinary');
  const lines = [
    `${c.shortName ?? c.name} uses your personal information for ${joinWords(manifest.activities.slice(0, 4).map((a) => a.name.toLowerCase()))}${manifest.activities.length > 4 ? ', and the other purposes set out below' : ''}.`,
  ];
  if (sensitive.length)
    lines.push(
      `Some of it is sensitive, such as ${joinWords(sensitive.slice(0, 3).map((x) => categories.get(x.id)!.name.toLowerCase()))}; we use it only where the law allows.`,
    );
  if (manifest.recipients.length)
    lines.push('We share it only when we need to, with the organisations listed below.');
  if (manifest.promises.includes('never-sell')) lines.push('We will never sell your personal data.');
  lines.push(
    'You have rights over your information, including seeing a copy of it, and you can complain to the Information Commissioner’s Office.',
  );
  return lines;
}

function extraSections(manifest: Manifest, placement: 'top' | 'before-rights' | 'end'): Section[] {
  return manifest.notice.sections
    .filter((s) => s.placement === placement)
    .map((s) => ({
      id: s.id,
      title: s.temporary
        ? `${s.title} (temporary statement${s.until ? ` until ${dayWords(s.until)}` : ''})`
        : s.title,
      blocks: s.body.split(/\n\s*\n/).map((para) => p(para.replace(/\s*\n\s*/g, ' ').trim())),
    }));
}

export function buildNotice(manifest: Manifest): NoticeDocument {
  const n = manifest.notice;
  const sections = [
    ...extraSections(manifest, 'top'),
    whoWeAre(manifest),
    whoThisIsAbout(manifest),
    whatWeCollect(manifest),
    whyWeUseIt(manifest),
    specialCategoryData(manifest),
    whoWeShareWith(manifest),
    transfers(manifest),
    howLongWeKeepIt(manifest),
    howWeKeepItSafe(manifest),
    automatedDecisions(manifest),
    ...extraSections(manifest, 'before-rights'),
    yourRights(manifest),
    howToUseRights(manifest),
    cookies(manifest),
    complaints(manifest),
    changes(manifest),
    ...extraSections(manifest, 'end'),
  ].filter((s): s is Section => s !== undefined);
  return {
    title: n.title,
    controllerName: manifest.controller.name,
    byline: `Version ${n.version}, effective ${dayWords(n.effective)}${n.reviewDue ? `, next review ${dayWords(n.reviewDue)}` : ''}${n.author ? `, by ${n.author}` : ''}`,
    summary: n.summary ?? generatedSummary(manifest),
    sections,
  };
}
