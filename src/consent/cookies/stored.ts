/**
 * The visitor's choice as the banner stores it in the essential consent cookie, read on the
 * server: the web server sets or serves non-essential cookies only for the categories it names.
 * The value is URL-encoded JSON: { id, v: notice version, c: { category: 1 | 0 }, g: 1 | 0 (GPC) }.
 */
import type { CookieBannerConfig } from './config.ts';

export interface StoredChoice {
  consentId: string;
  noticeVersion: string;
  accepted: string[];
  /** It answers for every category the banner asks about now (else the banner asks again). */
  decided: boolean;
  gpc: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The stored choice, or undefined when there is none or it cannot be read (then nothing is allowed). */
export function storedChoice(
  cookieHeader: string | undefined,
  config: CookieBannerConfig,
): StoredChoice | undefined {
  const raw = cookieValue(cookieHeader, config.consentCookie.name);
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(raw));
  } catch {
    return undefined;
  }
  const v = value as { id?: unknown; v?: unknown; c?: unknown; g?: unknown } | null;
  if (!v || typeof v.id !== 'string' || !UUID.test(v.id) || typeof v.c !== 'object' || v.c === null)
    return undefined;
  const c = v.c as Record<string, unknown>;
  return {
    consentId: v.id,
    noticeVersion: typeof v.v === 'string' ? v.v : '',
    accepted: config.categories.map((x) => x.id as string).filter((id) => c[id] === 1),
    decided: config.categories.every((x) => c[x.id] === 0 || c[x.id] === 1),
    gpc: v.g === 1,
  };
}

/** The non-essential categories this visitor has allowed; none until they choose. */
export function allowedCategories(cookieHeader: string | undefined, config: CookieBannerConfig): Set<string> {
  return new Set(storedChoice(cookieHeader, config)?.accepted ?? []);
}
