/** Rendering the notice (full or just-in-time) in each format. */
import type { Manifest } from '../manifest/schema.ts';
import { buildNotice } from './build.ts';
import type { NoticeDocument } from './document.ts';
import { toHtml } from './formats/html.ts';
import { toPdf } from './formats/pdf.ts';
import { toMarkdown, toText } from './formats/text.ts';
import { buildJustInTime } from './jit.ts';

export const NOTICE_FORMATS = ['html', 'md', 'txt', 'pdf'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];
export type TextFormat = Exclude<NoticeFormat, 'pdf'>;

export function layout(doc: NoticeDocument, format: TextFormat): string {
  if (format === 'html') return toHtml(doc);
  if (format === 'md') return toMarkdown(doc);
  return toText(doc);
}

export function renderNotice(manifest: Manifest, format: TextFormat): string {
  return layout(buildNotice(manifest), format);
}

export function renderNoticePdf(manifest: Manifest): Promise<Buffer> {
  return toPdf(buildNotice(manifest));
}

/** Render in any format: text formats as UTF-8 bytes, PDF as its bytes. */
export async function renderToBytes(doc: NoticeDocument, format: NoticeFormat): Promise<Buffer> {
  return format === 'pdf' ? toPdf(doc) : Buffer.from(layout(doc, format), 'utf8');
}

export function renderJustInTime(manifest: Manifest, activityId: string, format: TextFormat): string {
  return layout(buildJustInTime(manifest, activityId), format);
}

export { buildJustInTime, buildNotice };
