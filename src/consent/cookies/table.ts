/**
 * The cookie table, from one source: the privacy notice's own cookie section (notice/sections),
 * built from the manifest's cookies. The banner's settings show the same rows the notice does, so
 * the two cannot disagree about what a cookie is for or how long it lasts.
 */
import type { Cookie, Manifest } from '../../manifest/schema.ts';
import { cookies as noticeCookieSection } from '../../notice/sections/rights.ts';

export interface CookieTable {
  caption: string;
  head: string[];
  /** One row per manifest cookie, in the manifest's order, with the cookie it describes. */
  rows: { cookie: Cookie; cells: string[] }[];
}

/** The notice's cookie table, or none when the manifest declares no cookies. */
export function cookieTable(manifest: Manifest): CookieTable | undefined {
  const block = noticeCookieSection(manifest)?.blocks.find((b) => b.kind === 'table');
  if (!block || block.kind !== 'table') return undefined;
  if (block.rows.length !== manifest.cookies.length)
    throw new Error('the notice’s cookie table no longer has one row per declared cookie');
  return {
    caption: block.caption ?? 'Cookies we use',
    head: block.head,
    rows: block.rows.map((cells, i) => ({ cookie: manifest.cookies[i]!, cells })),
  };
}
