/**
 * Ids a manifest may declare that Custos itself gives a meaning to. A landlord names everything
 * else in its manifest freely; these two are reserved because code outside the manifest acts on
 * them by name: the access gate lets people use their own rights under the subject-access activity
 * on their own person details, the store keeps a person's own details as the person record type,
 * and the manifest's own checks (a segregated type read only to answer subject access requests)
 * must agree with the gate. They live here, in the manifest module, so that the manifest's rules
 * and every module that enforces them share one definition without the manifest depending on them.
 */

/** The record type every manifest used by the store declares for a person's own details. */
export const PERSON_TYPE = 'person';

/** The activity that answers data subject rights requests (the demo and starter manifests declare it). */
export const SUBJECT_ACCESS_ACTIVITY = 'subject-access';
