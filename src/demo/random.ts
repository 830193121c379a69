/**
 * The demo's only source of randomness: faker with the en_GB locale (the same locale chain as
 * `fakerEN_GB`), seeded with (seed, chunk). Each chunk gets its own instance, so a chunk's data
 * depends on nothing but the seed and its index: not on the clock, not on other chunks, and not
 * on anyone else using the shared `fakerEN_GB` in the same process.
 */
import { base, en, en_GB, Faker } from '@faker-js/faker';

export class Rng {
  readonly faker: Faker;

  constructor(seed: number, stream: number) {
    this.faker = new Faker({ locale: [en_GB, en, base] });
    this.faker.seed([seed, stream]);
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  /** One of the values, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    return this.faker.helpers.weightedArrayElement(choices.map(([value, weight]) => ({ value, weight })));
  }

  /** Ids come from the seeded generator too, so the same seed gives the same ids. */
  uuid(): string {
    return this.faker.string.uuid();
  }

  digits(length: number): string {
    return this.faker.string.numeric({ length, allowLeadingZeros: true });
  }

  /** An amount in pounds, in whole pence. */
  money(min: number, max: number): number {
    return pence(this.faker.number.float({ min, max }));
  }
}

/** Round to whole pence; every amount the demo writes goes through here, so payloads pass `money`. */
export function pence(pounds: number): number {
  return Math.round(pounds * 100) / 100;
}
