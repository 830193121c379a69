/** A person's consent choices and their receipt, read through the gate and audited. */
import { readConsents, type StoredConsent } from '../records/consent-read.ts';
import { manifestFor, type Call, type Store } from '../records/store.ts';
import { buildReceipt, type ConsentReceipt } from './receipt.ts';
import { receiptHtml, receiptText } from './receipt-render.ts';
import type { ConsentState } from './vocabulary.ts';

export interface ConsentView extends StoredConsent {
  /** The state now: consent past its agreed end reads as expired before the ledger marks it. */
  state: ConsentState;
  inForce: boolean;
}

export async function consentHistory(store: Store, call: Call, personId: string): Promise<ConsentView[]> {
  const { consents } = await readConsents(store, call, personId);
  const now = store.now();
  return consents.map((c) => {
    const lapsed = c.status === 'given' && c.expiresAt !== null && c.expiresAt <= now;
    return { ...c, state: lapsed ? 'expired' : c.status, inForce: c.status === 'given' && !lapsed };
  });
}

export interface ReceiptFiles {
  json: ConsentReceipt;
  html: string;
  text: string;
}

/** The person's consent receipt, as 27560-shaped JSON and as readable HTML and text. */
export async function consentReceipt(store: Store, call: Call, personId: string): Promise<ReceiptFiles> {
  const { person, consents } = await readConsents(store, call, personId, 'consent.receipt');
  const json = buildReceipt(manifestFor(store, person.controllerId), person.id, consents, store.now());
  return { json, html: receiptHtml(json), text: receiptText(json) };
}
