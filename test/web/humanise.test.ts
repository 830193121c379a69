/** The words the web pages make of ids: camelCase and hyphens split, acronyms in capitals. */
import { describe, expect, it } from 'vitest';
import { humanise } from '../../src/web/views.ts';

describe('humanise', () => {
  it('splits camelCase and hyphens into a sentence-case phrase', () => {
    expect(humanise('dateOfBirth')).toBe('Date of birth');
    expect(humanise('repairs-and-maintenance')).toBe('Repairs and maintenance');
  });

  it('writes acronyms in capitals wherever they stand as words', () => {
    expect(humanise('id-document')).toBe('ID document');
    expect(humanise('cctv')).toBe('CCTV');
    expect(humanise('cctvFootage')).toBe('CCTV footage');
    expect(humanise('personId')).toBe('Person ID');
    expect(humanise('ni-record')).toBe('NI record');
    expect(humanise('nfi-data-matching')).toBe('NFI data matching');
    expect(humanise('core-lettings-log')).toBe('CORE lettings log');
    expect(humanise('dwp-request')).toBe('DWP request');
    expect(humanise('asb-case')).toBe('ASB case');
    expect(humanise('mp')).toBe('MP');
    expect(humanise('outside-the-uk')).toBe('Outside the UK');
  });

  it('leaves words that merely contain an acronym alone', () => {
    expect(humanise('idea')).toBe('Idea');
    expect(humanise('corner-shop')).toBe('Corner shop');
    expect(humanise('ukulele')).toBe('Ukulele');
  });

  it('keeps the labels it knows', () => {
    expect(humanise('niNumber')).toBe('National Insurance number');
  });
});
