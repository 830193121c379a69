/**
 * What a resident reads in the pack's cover: values in words (dates, UK times, money, yes or no,
 * choices, durations, their part in a record), and "who has seen your information" grouped by
 * day so it can be followed, with their own use of their account and the work on their request
 * kept out of it. data.json keeps everything as held. A synthetic pack: no database needed.
 */
import { describe, expect, it } from 'vitest';
import { accessLine, summariseAccesses } from '../../src/rights/sar/accesses.ts';
import { packHtml, packJson, packPdf, type SarPack } from '../../src/rights/sar/index.ts';
import { durationWords, momentWords, presentValue } from '../../src/rights/sar/present.ts';
import { pdfText } from './sar-pdf.ts';
import { accesses, pack } from './sar-words-fixture.ts';

const visibleText = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

describe('values in words', () => {
  it('writes days, UK times, money, choices, yes or no and durations as people read them', () => {
    expect(presentValue({ name: 'dateOfBirth', type: 'date' }, '1978-12-24')).toBe('24 December 1978');
    expect(momentWords('2026-09-09T15:56:00.000Z')).toBe('9 September 2026, 4:56pm');
    expect(momentWords('2026-01-09T15:56:00.000Z')).toBe('9 January 2026, 3:56pm');
    expect(presentValue({ name: 'amount', type: 'money' }, 1234.5)).toBe('£1,234.50');
    expect(presentValue({ name: 'kind', type: 'enum' }, 'rent-charge')).toBe('Rent charge');
    expect(presentValue({ name: 'unspentConvictions', type: 'boolean' }, false)).toBe('No');
    expect(presentValue({ name: 'durationSeconds', type: 'number' }, 1272)).toBe('21 minutes 12 seconds');
    expect(durationWords(3661)).toBe('1 hour 1 minute 1 second');
    expect(presentValue({ name: 'householdSize', type: 'number' }, 4)).toBe('4');
  });

  it('shows the cover in words, newest record first, and keeps data.json as held', async () => {
    const html = packHtml(pack);
    const text = visibleText(html);
    for (const words of [
      '24 December 1978',
      'Prepared on 23 November 2026',
      'Call recording, 9 September 2026',
      '9 September 2026, 4:56pm',
      '21 minutes 12 seconds',
      'Rent charge',
      'Direct debit',
      '£412.50',
      '(you are named as a household member)',
    ])
      expect(text).toContain(words);
    expect(html).toMatch(/Unspent convictions<\/dt><dd class="govuk-summary-list__value">No</);
    expect(html).toMatch(/>Duration<\/dt><dd class="govuk-summary-list__value">21 minutes 12 seconds</);
    for (const raw of [
      '1978-12-24',
      'T15:56',
      'rent-charge',
      'direct-debit',
      'household-member',
      '>false<',
      '1272',
    ])
      expect(text).not.toContain(raw);
    expect(text.indexOf('Call recording, 9 September')).toBeLessThan(
      text.indexOf('Rent account transaction, 1 September'),
    );

    const pdf = pdfText(await packPdf(pack)).replace(/\s+/g, ' ');
    expect(pdf).toContain('Date of birth: 24 December 1978');
    expect(pdf).toContain('you are named as a household member');
    expect(pdf).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const json = JSON.parse(packJson(pack)) as SarPack;
    expect(json.details.find((f) => f.name === 'dateOfBirth')!.value).toBe('1978-12-24');
    expect(json.records[0]!.fields.map((f) => f.value)).toEqual([
      '2026-09-01',
      'rent-charge',
      412.5,
      'direct-debit',
    ]);
    expect(json.records[1]!.fields[1]!.value).toBe(1272);
    expect(json.records[2]!.parts).toEqual(['household-member']);
    expect(json.accesses).toHaveLength(accesses.length);
  });
});

describe('who has seen your information', () => {
  const summary = summariseAccesses(accesses);

  it('groups others’ accesses into one line per day, who, why and what, with a count', () => {
    expect(summary.seen.map(accessLine)).toEqual([
      '20 November 2026: A member of staff looked at your details (Managing your tenancy), 2 times',
      '20 November 2026: A member of staff looked at records (Managing your tenancy), once',
      '20 November 2026: A contractor or partner organisation looked at your details (Managing your tenancy), once (refused: they were not allowed)',
      // Before any request was made, a read under the rights purpose is not handling one.
      '3 November 2026: A member of staff looked at your details (Answering your rights requests), once',
    ]);
  });

  it('leaves out what the person did themself, and puts the work on their request on its own', () => {
    expect(summary.own).toBe(8);
    expect(summary.handling).toEqual([
      {
        day: '22 November 2026',
        who: 'A member of staff',
        why: '',
        what: 'looked at your request',
        outcome: 'Allowed',
        times: 20,
      },
      {
        day: '22 November 2026',
        who: 'A member of staff',
        why: '',
        what: 'looked at your details',
        outcome: 'Allowed',
        times: 1,
      },
    ]);
  });

  it('says so on the cover, with the full detail left in data.json', () => {
    const text = visibleText(packHtml(pack));
    expect(text).toContain('Handling your request');
    expect(text).toContain('We have not listed the 8 times you used your own online account.');
    expect(text).toContain('in data.json');
    expect(text).not.toContain('handled a request of yours');
    expect(packHtml(pack).match(/<tr class="govuk-table__row"><th scope="row"/g)).toHaveLength(
      summary.seen.length + summary.handling.length,
    );
  });
});
