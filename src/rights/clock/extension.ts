/**
 * When an extension counts (Art 12(3) UK GDPR): up to two further months where the request is
 * complex or the person has made a number of requests, but only if the person is told within the
 * first month, with reasons. An extension claimed without both is no extension, and the one-month
 * deadline stands; the clock says so rather than quietly honouring it.
 */
import { describeDate as d, type IsoDate } from './dates.ts';
import type { ExtensionNotice } from './input.ts';

export interface ExtensionRefusal {
  code: 'told-late' | 'no-reasons';
  reason: string;
}

/** Why the extension does not count, or undefined when it does. `oneMonthDue` ends the first month. */
export function refusal(extension: ExtensionNotice, oneMonthDue: IsoDate): ExtensionRefusal | undefined {
  if (extension.toldOn > oneMonthDue) {
    return {
      code: 'told-late',
      reason:
        `The person was told of the extension on ${d(extension.toldOn)}, after the first month ended ` +
        `(${d(oneMonthDue)}). An extension counts only if the person is told within the first month, ` +
        'so the one-month deadline stands.',
    };
  }
  if (extension.reasons.trim() === '') {
    return {
      code: 'no-reasons',
      reason:
        'No reasons were recorded for the extension. The person must be told why it is needed, so the ' +
        'one-month deadline stands until they are told, with reasons, within the first month.',
    };
  }
  return undefined;
}
