/** Where a pack's files go in its zip. */
import type { PackDocument } from './types.ts';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
  'message/rfc822': 'eml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** Where a document goes in the zip: its id (never a name someone gave it) and an extension. */
export function documentPath(d: Pick<PackDocument, 'id' | 'mediaType'>): string {
  return `documents/${d.id}.${EXTENSIONS[d.mediaType] ?? 'bin'}`;
}
