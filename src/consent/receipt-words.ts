/**
 * The receipt as a person reads it: one section per purpose, with the choice in force, what it
 * covers, how to withdraw it and its history in plain English. The HTML and text receipts both
 * render these words, so they cannot say different things.
 */
import { longDate } from '../rights/erasure/words.ts';
import type { ConsentReceipt, ReceiptEvent, ReceiptRecord } from './receipt.ts';
import { CHANNEL_WORDS, METHOD_WORDS, type ConsentChannel, type ConsentMethod } from './vocabulary.ts';

export interface ReadableConsent {
  id: string;
  title: string;
  facts: [string, string][];
  history: { date: string; what: string; how: string; who: string }[];
}

export interface ReadableReceipt {
  title: string;
  controller: string;
  prepared: string;
  reference: string;
  intro: string;
  consents: ReadableConsent[];
  contact: string;
  complain: string;
}

const WHAT: Record<ReceiptEvent['state'], string> = {
  given: 'Consent given',
  withdrawn: 'Consent withdrawn',
  expired: 'Consent ended at the agreed time',
  refused: 'Consent not given when asked',
};

function who(e: ReceiptEvent): string {
  if (e.on_behalf) return `${e.on_behalf.name} (${e.on_behalf.kind}), for you`;
  if (e.entity_role === 'dpv:Representative') return 'Your representative, for you';
  if (e.entity_role === 'dpv:DataController') return 'Us';
  return 'You';
}

function how(e: ReceiptEvent): string {
  if (e.method === 'expiry') return METHOD_WORDS.expiry;
  const method = METHOD_WORDS[e.method as ConsentMethod] ?? e.method;
  const channel = CHANNEL_WORDS[e.channel as ConsentChannel] ?? e.channel;
  return `By ${method}, ${channel}`;
}

function choiceNow(r: ReceiptRecord): string {
  const last = r.events.at(-1);
  const since = last ? ` on ${longDate(new Date(last.event_time))}` : '';
  if (r.in_force) return `You have given your consent${since}.`;
  if (r.consent_state === 'expired')
    return `Your consent ended${r.expires_at ? ` on ${longDate(new Date(r.expires_at))}` : since}. We no longer use your information for this.`;
  if (r.consent_state === 'withdrawn')
    return `You withdrew your consent${since}. We stopped using your information for this straight away.`;
  return `You did not give your consent when we asked${since}. We do not use your information for this.`;
}

function readable(r: ReceiptRecord): ReadableConsent {
  const p = r.purposes[0]!;
  const facts: [string, string][] = [
    ['What it is for', p.purpose],
    ['Your choice now', choiceNow(r)],
  ];
  if (r.in_force)
    facts.push([
      'How long it lasts',
      r.expires_at
        ? `Until ${longDate(new Date(r.expires_at))}, unless you withdraw it sooner`
        : 'Until you withdraw it',
    ]);
  if (p.pii_information.length)
    facts.push(['Information it covers', p.pii_information.map((i) => i.pii_type).join(', ')]);
  if (p.recipient_third_parties.length)
    facts.push(['Who we share it with', p.recipient_third_parties.join(', ')]);
  if (p.retention_period) facts.push(['How long we keep it', p.retention_period]);
  if (p.withdrawal_method) facts.push(['How to withdraw your consent', p.withdrawal_method]);
  if (r.privacy_notice.version)
    facts.push([
      'The privacy notice you were shown',
      `${r.privacy_notice.title}, version ${r.privacy_notice.version}${r.privacy_notice.effective ? ` (${longDate(new Date(r.privacy_notice.effective))})` : ''}`,
    ]);
  facts.push(['Reference', r.record_id]);
  return {
    id: r.record_id,
    title: p.purpose_name,
    facts,
    history: r.events.map((e) => ({
      date: longDate(new Date(e.event_time)),
      what: WHAT[e.state],
      how: how(e),
      who: who(e),
    })),
  };
}

export function readableReceipt(receipt: ConsentReceipt): ReadableReceipt {
  const controller = receipt.party_identification.find((p) => p.party_role === 'dpv:DataController')!;
  const ico = receipt.party_identification.find((p) => p.party_role === 'dpv:Authority')!;
  const reach = [controller.party_email, controller.party_phone, controller.party_address].filter(Boolean);
  return {
    title: 'Your consent choices',
    controller: controller.party_name,
    prepared: longDate(new Date(receipt.receipt_time)),
    reference: receipt.receipt_id,
    intro: receipt.records.length
      ? 'This is your copy of the choices you have made about using your information where we need your consent. You can withdraw any consent at any time, as easily as you gave it, and we stop straight away.'
      : 'You have not made any choices about using your information where we need your consent.',
    consents: receipt.records.map(readable),
    contact: `To change a choice or ask about this, contact ${controller.party_name}: ${reach.join(', ')}.`,
    complain: `If you are unhappy with how we have used your information, you can complain to the ${ico.party_name}: ${ico.party_url}, ${ico.party_phone}.`,
  };
}
