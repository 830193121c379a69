/**
 * Cookie settings without JavaScript (the GOV.UK cookies page pattern): what the server-rendered
 * form shows, the choice it makes in the banner's own terms (so it is logged by logCookieChoice
 * exactly as the banner's are), the consent cookie's value in the banner's format, and the short
 * banner shown in <noscript> to a visitor who has not chosen yet.
 */
import type { CookieBannerConfig } from './config.ts';
import type { StoredChoice } from './stored.ts';

export type Answer = 'yes' | 'no';

/** GPC counts only where the landlord honours it (the banner's own rule). */
export const gpcOn = (config: CookieBannerConfig): boolean => config.honourGpc && config.gpc;

/**
 * What each radio starts as: the visitor's stored choice, unless GPC came after it (then the
 * signal wins, as in the banner); otherwise "no", since nothing non-essential is on until chosen.
 */
export function currentAnswers(
  config: CookieBannerConfig,
  stored: StoredChoice | undefined,
): Record<string, Answer> {
  const keep = stored?.decided && !(gpcOn(config) && !stored.gpc);
  return Object.fromEntries(
    config.categories.map((c) => [c.id, keep && stored.accepted.includes(c.id) ? 'yes' : 'no']),
  );
}

/** The categories the form left unanswered, in the order it asks. */
export const unanswered = (config: CookieBannerConfig, answers: Record<string, unknown>): string[] =>
  config.categories.map((c) => c.id as string).filter((id) => answers[id] !== 'yes' && answers[id] !== 'no');

export interface SettingsChoice {
  consentId: string;
  accepted: string[];
  rejected: string[];
  method: 'settings';
  gpc: boolean;
  noticeVersion: string;
}

/** The form's answers as the banner posts a choice from its settings (method "settings"). */
export function settingsChoice(
  config: CookieBannerConfig,
  consentId: string,
  answers: Record<string, unknown>,
): SettingsChoice {
  const ids = config.categories.map((c) => c.id as string);
  return {
    consentId,
    accepted: ids.filter((id) => answers[id] === 'yes'),
    rejected: ids.filter((id) => answers[id] !== 'yes'),
    method: 'settings',
    gpc: gpcOn(config),
    noticeVersion: config.noticeVersion,
  };
}

/** The consent cookie's value as banner.js writes it (the caller URL-encodes it when setting it). */
export function consentCookieValue(config: CookieBannerConfig, choice: SettingsChoice): string {
  const c = Object.fromEntries(config.categories.map((x) => [x.id, choice.accepted.includes(x.id) ? 1 : 0]));
  return JSON.stringify({ id: choice.consentId, v: choice.noticeVersion, c, g: choice.gpc ? 1 : 0 });
}

/**
 * Whether a visitor without JavaScript should see the banner: there is something to choose, they
 * have not chosen, and GPC (which is a refusal where honoured) is not on.
 */
export const needsChoice = (config: CookieBannerConfig, stored: StoredChoice | undefined): boolean =>
  config.categories.length > 0 && !gpcOn(config) && !stored?.decided;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The banner for a browser without JavaScript, in <noscript> so a browser running the script
 * never shows it. It links to the cookies page's form rather than posting one itself: a form here
 * would need a CSRF token, and so a cookie, on every page before the visitor has chosen anything.
 */
export function noscriptBanner(config: CookieBannerConfig): string {
  const t = config.text;
  return (
    `<noscript><div class="custos-cb" role="region" aria-label="${escapeHtml(t.region!)}">` +
    `<div class="custos-cb__msg"><h2 class="custos-cb__h">${escapeHtml(t.heading!)}</h2>` +
    `<p>${escapeHtml(t.essential!)}</p><p>${escapeHtml(t.ask!)}</p>` +
    `<div class="custos-cb__btns"><a class="custos-cb__link" href="${escapeHtml(config.cookiesUrl)}">` +
    `${escapeHtml(t.choose!)}</a></div></div></div></noscript>`
  );
}
