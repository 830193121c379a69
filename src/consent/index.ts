/**
 * Consent: the ledger of people's consent to the manifest's activities (ISO/IEC TS 27560), enforced
 * by the gate, with receipts; and cookie consent for the landlord's website (./cookies).
 */
export { consentHistory, consentReceipt, type ConsentView, type ReceiptFiles } from './history.ts';
export { checkActivities, type ConsentChoice, type OnBehalf } from './input.ts';
export { giveConsent, lapseConsents, refuseConsent, withdrawConsent } from './ledger.ts';
export { buildReceipt, RECEIPT_SCHEMA, type ConsentReceipt } from './receipt.ts';
export { receiptHtml, receiptText } from './receipt-render.ts';
export {
  asksForConsent,
  consentOnlyCategories,
  needsExplicitConsent,
  unconsentedCategories,
  type ConsentInForce,
} from './reliance.ts';
export * from './vocabulary.ts';
