/** Errors the retention module gives: each names the field or rule and the reason, never personal data. */

/** A rule, hold, event or option that cannot be acted on; nothing was changed. */
export class RetentionInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Another sweep holds the sweeper's lock; this one disposed of nothing. */
export class SweepInProgress extends Error {
  constructor() {
    super('another retention sweep is running; nothing was disposed of. Try again when it has finished');
  }
}
