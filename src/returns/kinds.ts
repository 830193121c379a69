/**
 * The routine returns Custos generates, and what each reads. Record types and field names are the
 * starter manifest's (and the demo landlord's); a field the manifest does not declare is left
 * blank, unless the return cannot do without it. The "structural" categories are those of the
 * facts held in clear (the home's address and UPRN, tenancy dates, who lives there), counted as
 * disclosed when the manifest declares them. Formats: docs/returns.md.
 */
import { PERSON_TYPE } from '../records/store.ts';

export const RETURN_KINDS = ['nfi', 'core', 'rental-exchange'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

export interface FieldWant {
  recordType: string;
  fields: readonly string[];
  /** Fields the return cannot be made without. */
  required: readonly string[];
}

export interface ReturnKindInfo {
  label: string;
  /** The manifest activity a return of this kind is made for, unless another is given. */
  activity: string;
  reads: readonly FieldWant[];
  structural: readonly string[];
}

const NAME = ['title', 'givenName', 'familyName'];

export const RETURN_KIND_INFO: Record<ReturnKind, ReturnKindInfo> = {
  nfi: {
    label: 'National Fraud Initiative data-matching extract',
    activity: 'national-fraud-initiative',
    reads: [
      {
        recordType: PERSON_TYPE,
        fields: [...NAME, 'dateOfBirth', 'niNumber', 'customerRef', 'phone', 'email', 'address', 'postcode'],
        required: ['givenName', 'familyName'],
      },
      { recordType: 'right-to-buy', fields: ['appliedOn', 'stage', 'completedOn', 'discount'], required: [] },
      { recordType: 'application', fields: ['receivedOn', 'householdSize', 'band', 'outcome'], required: [] },
    ],
    structural: ['tenancy', 'contact', 'household'],
  },
  core: {
    label: 'CORE lettings return (new lettings)',
    activity: 'core-lettings',
    reads: [{ recordType: PERSON_TYPE, fields: ['dateOfBirth', 'customerRef'], required: [] }],
    structural: ['tenancy', 'household'],
  },
  'rental-exchange': {
    label: 'Rental Exchange monthly rent-payment file',
    activity: 'rental-exchange',
    reads: [
      {
        recordType: PERSON_TYPE,
        fields: [...NAME, 'dateOfBirth', 'customerRef'],
        required: ['givenName', 'familyName', 'dateOfBirth'],
      },
      {
        recordType: 'rent-transaction',
        fields: ['postedOn', 'kind', 'amount', 'method', 'balanceAfter'],
        required: ['postedOn', 'kind', 'amount'],
      },
    ],
    structural: ['tenancy', 'contact'],
  },
};
