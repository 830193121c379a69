/**
 * Bad input to the clock is an error, never a guess: a deadline computed from a mistyped date would
 * look just as authoritative as a right one. `field` names the input (e.g. `clarifications[1].answered`)
 * so a form can put the message next to the box the DPO typed into.
 */
export class ClockError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ClockError';
  }
}
