/**
 * The cookie banner's configuration, built from the manifest: the non-essential categories it
 * asks about and the cookies in each (rows of the notice's own cookie table), the essential cookie
 * that remembers the choice and how long it lasts, whether Global Privacy Control is honoured, and
 * every word the banner shows. The script holds no words or cookie names of its own.
 */
import type { Cookie, Manifest } from '../../manifest/schema.ts';
import { InputError } from '../../records/errors.ts';
import { cookieTable } from './table.ts';

/** The categories that need consent (PECR reg. 6), in the order the banner asks about them. */
export const OPTIONAL_CATEGORIES = ['functional', 'analytics', 'marketing'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** The essential cookie that remembers a visitor's choice, unless the caller names another. */
export const CONSENT_COOKIE = 'custos_cookie_consent';

const CATEGORY_WORDS: Record<OptionalCategory, { name: string; why: string; description: string }> = {
  functional: {
    name: 'functional',
    why: 'to remember your settings',
    description:
      'Functional cookies remember your settings and choices, so you do not have to set them again.',
  },
  analytics: {
    name: 'analytics',
    why: 'to understand how you use the website and make improvements',
    description:
      'Analytics cookies tell us how you use the website, such as the pages you visit, so we can make it better. They do not identify you.',
  },
  marketing: {
    name: 'marketing',
    why: 'to show you relevant information about our services on other websites',
    description:
      'Marketing cookies help us show you relevant information about our services on other websites.',
  },
};

export interface BannerCategory {
  id: OptionalCategory;
  name: string;
  description: string;
  /** The category's rows of the notice's cookie table. */
  rows: string[][];
  /** Names to delete when the category is refused: exact, or a prefix ending in "*". */
  clear: string[];
}

export interface CookieBannerConfig {
  version: 1;
  noticeVersion: string;
  /** Where the notice's cookie table (and the settings) are. */
  cookiesUrl: string;
  /** Where each choice is sent to be logged (POST, JSON). */
  logUrl: string;
  consentCookie: { name: string; maxAgeSeconds: number | null };
  honourGpc: boolean;
  /** The request carried `Sec-GPC: 1`; the script also reads navigator.globalPrivacyControl. */
  gpc: boolean;
  head: string[];
  categories: BannerCategory[];
  text: Record<string, string>;
}

export interface BannerOptions {
  cookiesUrl?: string;
  logUrl?: string;
  consentCookie?: string;
  /** Whether this request carried `Sec-GPC: 1` (gpcFromHeaders). */
  gpc?: boolean;
}

const SECONDS: Record<string, number> = { Y: 31_536_000, M: 2_592_000, W: 604_800, D: 86_400 };
const TIME_SECONDS: Record<string, number> = { H: 3_600, M: 60, S: 1 };

/** An ISO 8601 duration in seconds, months as 30 days and years as 365: a cookie's Max-Age. */
export function durationSeconds(duration: string): number {
  const [date = '', time = ''] = duration.slice(1).split('T');
  let total = 0;
  for (const [, n, unit] of date.matchAll(/(\d+)([YMWD])/g)) total += Number(n) * SECONDS[unit!]!;
  for (const [, n, unit] of time.matchAll(/(\d+)([HMS])/g)) total += Number(n) * TIME_SECONDS[unit!]!;
  return total;
}

const TOKEN = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;

/**
 * What to delete for a declared cookie name: itself, or the prefix before a placeholder such as
 * "_ga_<container-id>" or "_hj*"; nothing for a name that is a description ("Traffic log cookies").
 */
export function clearPattern(name: string): string | null {
  const placeholder = name.search(/[<*]/);
  const stem = placeholder >= 0 ? name.slice(0, placeholder) : name;
  if (!stem || !TOKEN.test(stem)) return null;
  return placeholder >= 0 ? `${stem}*` : stem;
}

function consentCookie(manifest: Manifest, name: string): Cookie {
  const cookie = manifest.cookies.find((c) => c.name === name);
  if (!cookie || cookie.category !== 'essential')
    throw new InputError(
      'cookies',
      `declare the essential cookie "${name}" that remembers cookie choices, so the notice lists it`,
    );
  return cookie;
}

function words(manifest: Manifest, categories: BannerCategory[]): Record<string, string> {
  const site = manifest.controller.shortName ?? manifest.controller.name;
  const which = categories.length === 1 ? categories[0]!.name : 'additional';
  const kinds = categories.map((c) => c.name);
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : (kinds[0] ?? '');
  const whys = categories.map((c) => CATEGORY_WORDS[c.id].why);
  return {
    region: `Cookies on ${site}`,
    heading: `Cookies on ${site}`,
    essential: 'We use some essential cookies to make this website work.',
    ask: `We’d also like to use ${list} cookies ${whys.join(', and ')}.`,
    accept: `Accept ${which} cookies`,
    reject: `Reject ${which} cookies`,
    view: 'View cookies',
    choose: 'Choose which cookies we use',
    accepted: `You’ve accepted ${which} cookies.`,
    rejected: `You’ve rejected ${which} cookies.`,
    change: 'You can change your cookie settings at any time.',
    changeLink: 'change your cookie settings',
    hide: 'Hide cookie message',
    settingsHeading: 'Change your cookie settings',
    yes: 'Yes',
    no: 'No',
    use: 'Do you want to allow {name} cookies?',
    save: 'Save cookie settings',
    saved: 'You’ve set your cookie preferences.',
    gpcNote:
      'Your browser sends the Global Privacy Control signal, so we have turned these cookies off. You can still choose to turn them on here.',
    essentialOnly: 'We use only cookies that are strictly necessary to make this website work.',
  };
}

export function cookieBannerConfig(manifest: Manifest, options: BannerOptions = {}): CookieBannerConfig {
  const table = cookieTable(manifest);
  const stored = consentCookie(manifest, options.consentCookie ?? CONSENT_COOKIE);
  const categories: BannerCategory[] = OPTIONAL_CATEGORIES.flatMap((id) => {
    const rows = (table?.rows ?? []).filter((r) => r.cookie.category === id);
    if (rows.length === 0) return [];
    const clear = rows.map((r) => clearPattern(r.cookie.name)).filter((p): p is string => p !== null);
    return [{ ...CATEGORY_WORDS[id], id, rows: rows.map((r) => r.cells), clear }];
  });
  return {
    version: 1,
    noticeVersion: manifest.notice.version,
    cookiesUrl: options.cookiesUrl ?? '#cookies',
    logUrl: options.logUrl ?? '/consent/cookies',
    consentCookie: {
      name: stored.name,
      maxAgeSeconds: stored.duration === 'session' ? null : durationSeconds(stored.duration),
    },
    honourGpc: manifest.notice.cookieConsent === 'ask-first-and-honour-gpc',
    gpc: options.gpc === true,
    head: table?.head ?? [],
    categories,
    text: words(manifest, categories),
  };
}
