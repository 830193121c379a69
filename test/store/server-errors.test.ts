/**
 * The server engine's start-up refusals: one plain line naming the variable and what to do, never
 * the password. The missing-database case needs a real server (DATABASE_URL); the rest need none.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/store/errors.ts';
import { checkServerUrl, openServer } from '../../src/store/server.ts';

const PASSWORD = 'not-this-one-7f3a';

async function refusal(url: string, variable?: string): Promise<string> {
  const error = await openServer(url, 1, variable).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message).not.toContain(PASSWORD);
  return message;
}

describe('checkServerUrl', () => {
  it('refuses another database’s scheme at once, naming the variable and the form expected', () => {
    expect(() => checkServerUrl(`mysql://root:${PASSWORD}@db/custos`, 'DATABASE_URL')).toThrow(
      'DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:5432/database (it starts "mysql:")',
    );
    expect(() => checkServerUrl('custos_db', 'CUSTOS_KEYS_URL')).toThrow(/^CUSTOS_KEYS_URL .*no scheme/);
  });

  it('refuses an address it cannot read, without echoing it', () => {
    const attempt = () => checkServerUrl(`postgres://u:${PASSWORD}@host:port/db`, 'DATABASE_URL');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('DATABASE_URL is not a valid address');
    expect(attempt).not.toThrow(PASSWORD);
  });

  it('reads host, port and database as pg will use them', () => {
    expect(checkServerUrl('postgresql://u@db.example:5433/custos_x', 'DATABASE_URL')).toEqual({
      host: 'db.example',
      port: 5433,
      database: 'custos_x',
    });
  });
});

describe('openServer refusals', () => {
  it('says nothing answers at the address, and which variable gave it', async () => {
    expect(await refusal(`postgres://u:${PASSWORD}@127.0.0.1:1/custos_x`, 'CUSTOS_KEYS_URL')).toBe(
      'nothing answers at 127.0.0.1:1 (CUSTOS_KEYS_URL): start the PostgreSQL server there, or correct CUSTOS_KEYS_URL',
    );
  });

  it('says a host name cannot be found', async () => {
    expect(await refusal(`postgres://u:${PASSWORD}@no-such-host.invalid/custos_x`)).toMatch(
      /^cannot find the PostgreSQL server no-such-host\.invalid named in DATABASE_URL \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it.skipIf(!process.env.DATABASE_URL)('says which database does not exist, on which server', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const name = `custos_missing_${randomBytes(4).toString('hex')}`;
    url.pathname = `/${name}`;
    url.password = PASSWORD;
    const where = `${url.hostname}:${url.port || 5432}`;
    // A trust-authenticated server ignores the password; one that checks it refuses it instead.
    expect(await refusal(url.toString())).toMatch(
      new RegExp(
        `^(the database ${name} does not exist on the server at ${where}: create it \\(createdb ${name}\\), or correct DATABASE_URL|the PostgreSQL server at ${where} refused the user or password in DATABASE_URL)`,
      ),
    );
  });
});
