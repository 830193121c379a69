/** The store's refusal of text no engine can store, for both engines alike. */
import { InputError } from '../records/errors.ts';
import { findUnstorable, UNSTORABLE } from '../records/formats.ts';

/**
 * The last guard against a NUL character (U+0000) in a parameter, for text that reached the store
 * by a path without its own check (the web and the records module refuse it earlier, naming the
 * field). PostgreSQL fails on it with an encoding error while PGlite may keep it; refusing it here,
 * before the statement is sent, makes both engines give the same input error, and inside a
 * transaction the throw rolls everything back. Strings in arrays and objects are checked too;
 * bytes (Buffer, Uint8Array) may hold any value. The error names no value: it may be personal.
 */
export function refuseUnstorableParams(params: readonly unknown[]): void {
  for (const param of params) if (findUnstorable(param)) throw new InputError('a value', UNSTORABLE);
}
