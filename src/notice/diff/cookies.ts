/**
 * Cookies, matched by name. Non-essential cookies need consent (PECR reg. 6), so a new one, or an
 * existing one turned to a new use or a new provider, is material; essential cookies are not.
 */
import type { Cookie } from '../../manifest/schema.ts';
import { periodWords } from '../../manifest/words.ts';
import { materialIf, minor, type FoundChange } from './types.ts';

function isEssential(cookie: Cookie): boolean {
  return cookie.category === 'essential';
}

function durationWords(duration: Cookie['duration']): string {
  return duration === 'session' ? 'until you close your browser' : periodWords(duration);
}

function providerWords(cookie: Cookie): string {
  return `${cookie.provider}${cookie.firstParty ? '' : ' (a third party)'}`;
}

function addedCookie(cookie: Cookie): FoundChange {
  const kind = isEssential(cookie) ? 'essential-cookie-added' : 'cookie-added';
  const summary = `Our website now sets the ${cookie.category} cookie "${cookie.name}" from ${providerWords(cookie)}: ${cookie.purpose}`;
  return materialIf(!isEssential(cookie), kind, `cookies.${cookie.name}`, summary);
}

function changedCookie(old: Cookie, next: Cookie): FoundChange[] {
  const path = `cookies.${next.name}`;
  const needsConsent = !isEssential(next);
  const changes: FoundChange[] = [];
  if (old.category !== next.category) {
    changes.push(
      materialIf(
        needsConsent,
        'cookie-recategorised',
        path,
        `The cookie "${next.name}" is now ${next.category} (was ${old.category})`,
      ),
    );
  }
  if (old.provider !== next.provider || old.firstParty !== next.firstParty) {
    changes.push(
      materialIf(
        needsConsent,
        'cookie-provider-changed',
        path,
        `The cookie "${next.name}" now comes from ${providerWords(next)} (was ${providerWords(old)})`,
      ),
    );
  }
  if (old.duration !== next.duration) {
    changes.push(
      minor(
        'cookie-changed',
        path,
        `The cookie "${next.name}" now lasts ${durationWords(next.duration)} (was ${durationWords(old.duration)})`,
      ),
    );
  }
  if (old.purpose !== next.purpose)
    changes.push(minor('wording-changed', path, `The purpose of the cookie "${next.name}" was reworded`));
  return changes;
}

export function cookieChanges(old: readonly Cookie[], next: readonly Cookie[]): FoundChange[] {
  const before = new Map(old.map((cookie) => [cookie.name, cookie]));
  const after = new Set(next.map((cookie) => cookie.name));
  return [
    ...next.flatMap((cookie) => {
      const previous = before.get(cookie.name);
      return previous ? changedCookie(previous, cookie) : [addedCookie(cookie)];
    }),
    ...old
      .filter((cookie) => !after.has(cookie.name))
      .map((cookie) =>
        minor(
          'cookie-removed',
          `cookies.${cookie.name}`,
          `Our website no longer sets the cookie "${cookie.name}"`,
        ),
      ),
  ];
}
