/**
 * `npm run totp -- <demo username or base32 secret>`: the current sign-in code, for trying the demo
 * without an authenticator app. Demo secrets are public; a real account's secret is never printed.
 */
import { DEMO_STAFF } from './demo-web.ts';
import { TOTP_PERIOD, totpCode } from '../web/auth/totp.ts';

const arg = process.argv[2] ?? '';
const secret = DEMO_STAFF.find((s) => s.username === arg)?.totpSecret ?? arg;
if (!/^[A-Z2-7]{26,}=*$/.test(secret)) {
  console.error(`Usage: npm run totp -- <${DEMO_STAFF.map((s) => s.username).join('|')}|base32 secret>`);
  process.exit(2);
}
const now = new Date();
const left = TOTP_PERIOD - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD);
console.log(`${await totpCode(secret, now)}  (valid for ${left} more seconds)`);
