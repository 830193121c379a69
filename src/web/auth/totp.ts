/**
 * The second factor for staff: time-based one-time codes (RFC 6238, the authenticator-app
 * defaults: SHA-1, 6 digits, 30 s). The time comes from the store's clock, so tests can move it;
 * a code is accepted once (the accepted time step is kept) and one step either side is allowed for
 * clock drift.
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

const epochOf = (at: Date) => Math.floor(at.getTime() / 1000);

export function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: epochOf(at) });
}

/** The accepted time step, or undefined when the code is wrong or was used already. */
export async function checkTotp(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | null,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: epochOf(at),
    epochTolerance: TOTP_PERIOD,
    ...(lastStep !== null && { afterTimeStep: lastStep }),
  }).catch(() => undefined);
  return result?.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** The otpauth:// address an authenticator app is set up with. */
export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret });
}
