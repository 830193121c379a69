/** Cookie consent for the landlord's website: the banner, its configuration, GPC and the choice log. */
export {
  bannerAsset,
  bannerTags,
  bannerWeights,
  COOKIE_BANNER_DIR,
  COOKIE_BANNER_FILES,
  COOKIE_SETTINGS_PLACEHOLDER,
  type BannerFile,
} from './assets.ts';
export {
  clearPattern,
  CONSENT_COOKIE,
  cookieBannerConfig,
  durationSeconds,
  OPTIONAL_CATEGORIES,
  type BannerCategory,
  type BannerOptions,
  type CookieBannerConfig,
  type OptionalCategory,
} from './config.ts';
export { gpcFromHeaders, gpcJson, type GpcSupport, type HeaderValue } from './gpc.ts';
export {
  CHOICE_METHODS,
  checkCookieChoice,
  cookieChoicesFor,
  logCookieChoice,
  type ChoiceMethod,
  type CookieChoice,
  type LoggedChoice,
} from './log.ts';
export { allowedCategories, storedChoice, type StoredChoice } from './stored.ts';
export { cookieTable, type CookieTable } from './table.ts';
export {
  consentCookieValue,
  currentAnswers,
  gpcOn,
  needsChoice,
  noscriptBanner,
  settingsChoice,
  unanswered,
  type Answer,
  type SettingsChoice,
} from './settings.ts';
