/**
 * The banner's script and stylesheet, for the web server to serve (they are plain files: no build
 * step), and the tags that put the banner on a page with its configuration.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CookieBannerConfig } from './config.ts';

/** The folder holding banner.js and banner.css. */
export const COOKIE_BANNER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'cookie-banner');

export const COOKIE_BANNER_FILES = {
  'banner.js': 'text/javascript; charset=utf-8',
  'banner.css': 'text/css; charset=utf-8',
} as const;
export type BannerFile = keyof typeof COOKIE_BANNER_FILES;

const cache = new Map<BannerFile, string>();

export function bannerAsset(file: BannerFile): { body: string; contentType: string } {
  let body = cache.get(file);
  if (body === undefined) {
    body = readFileSync(join(COOKIE_BANNER_DIR, file), 'utf8');
    cache.set(file, body);
  }
  return { body, contentType: COOKIE_BANNER_FILES[file] };
}

/** The bytes each file weighs over the wire, gzipped at the highest level. */
export function bannerWeights(): Record<BannerFile | 'total', { raw: number; gzip: number }> {
  const out = {} as Record<BannerFile | 'total', { raw: number; gzip: number }>;
  let raw = 0;
  let gzip = 0;
  for (const file of Object.keys(COOKIE_BANNER_FILES) as BannerFile[]) {
    const bytes = Buffer.from(bannerAsset(file).body, 'utf8');
    const w = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    out[file] = w;
    raw += w.raw;
    gzip += w.gzip;
  }
  out.total = { raw, gzip };
  return out;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The tags for a page's <head>: the stylesheet, the configuration as JSON (with "<" escaped, so no
 * text in it can close the script element), and the script, deferred. `nonce` for a strict CSP.
 */
export function bannerTags(
  config: CookieBannerConfig,
  options: { assetBase?: string; nonce?: string } = {},
): string {
  const base = escapeAttr((options.assetBase ?? '/assets/consent').replace(/\/$/, ''));
  const nonce = options.nonce ? ` nonce="${escapeAttr(options.nonce)}"` : '';
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return [
    `<link rel="stylesheet" href="${base}/banner.css">`,
    `<script type="application/json" id="custos-cookie-config"${nonce}>${json}</script>`,
    `<script src="${base}/banner.js" defer${nonce}></script>`,
  ].join('\n');
}

/** Where a page wants the settings form (the notice's cookie section, or a cookies page). */
export const COOKIE_SETTINGS_PLACEHOLDER = '<div data-custos-cookie-settings></div>';
