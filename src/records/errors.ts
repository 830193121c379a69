/** Errors the store gives its callers: each names the field or the rule, and carries no personal data. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export class AccessDenied extends Error {
  constructor(readonly reason: string) {
    super(`access denied: ${reason}`);
  }
}

export class NotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found`);
  }
}
