/**
 * Global Privacy Control (W3C GPC): the `Sec-GPC: 1` request header, and the site's support
 * resource at /.well-known/gpc.json. A landlord whose manifest says it honours GPC treats the
 * signal as refusing every non-essential cookie (notice.cookieConsent: ask-first-and-honour-gpc).
 */
import type { Manifest } from '../../manifest/schema.ts';

export type HeaderValue = string | readonly string[] | undefined;

/**
 * Did the request carry GPC? Only the value "1" counts; if the header came more than once (Node
 * joins repeats with commas), any "1" does.
 */
export function gpcFromHeaders(headers: Record<string, HeaderValue>): boolean {
  const raw = Object.entries(headers)
    .filter(([k]) => k.toLowerCase() === 'sec-gpc')
    .map(([, v]) => v);
  return raw
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .some((v) => v.trim() === '1');
}

export interface GpcSupport {
  gpc: boolean;
  lastUpdate: string;
}

/** The body of /.well-known/gpc.json, served as application/json. */
export function gpcJson(manifest: Manifest): GpcSupport {
  return {
    gpc: manifest.notice.cookieConsent === 'ask-first-and-honour-gpc',
    lastUpdate: manifest.notice.effective,
  };
}
