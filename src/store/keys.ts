/**
 * Master keys live outside the database. A MasterKeyRing wraps and unwraps each person's data key;
 * a real KMS can implement the same interface. The ring can hold old keys, so rotation re-wraps
 * data keys without touching any ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './errors.ts';

export interface MasterKeyRing {
  /** The key new data keys are wrapped with. */
  readonly currentId: string;
  wrap(dataKey: Buffer, keyId?: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, keyId: string): Promise<Buffer>;
  /** A key for keyed hashes of identifiers (lookup tokens), derived from the current master key. */
  lookupKey(controllerId: string): Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function sealWith(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function openWith(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export { openWith, sealWith };

/** Master keys held in memory, loaded from a key file or an environment variable. */
export class LocalKeyRing implements MasterKeyRing {
  constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentId: string,
  ) {
    if (!keys.has(currentId)) throw new Error('the current master key is not in the key ring');
    for (const key of keys.values()) if (key.length !== 32) throw new Error('a master key must be 32 bytes');
  }

  async wrap(dataKey: Buffer, keyId = this.currentId): Promise<Buffer> {
    return sealWith(this.key(keyId), dataKey, `custos-data-key:${keyId}`);
  }

  async unwrap(wrapped: Buffer, keyId: string): Promise<Buffer> {
    return openWith(this.key(keyId), wrapped, `custos-data-key:${keyId}`);
  }

  lookupKey(controllerId: string): Buffer {
    return createHmac('sha256', this.key(this.lookupKeyId)).update(`custos-lookup:${controllerId}`).digest();
  }

  /** Lookup tokens must survive rotation, so they derive from the oldest key in the ring. */
  private get lookupKeyId(): string {
    return [...this.keys.keys()][0]!;
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`master key "${id}" is not available`);
    return key;
  }
}

/**
 * The key file holds one line per key, "id:base64", oldest first; the last is current.
 * CUSTOS_MASTER_KEY (same format, lines separated by commas) takes precedence over the file.
 */
export function parseKeyRing(text: string): LocalKeyRing {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [id, b64] = l.split(':');
      if (!id || !b64) throw new ConfigError('a master key entry must be "id:base64"');
      return [id, Buffer.from(b64, 'base64')] as const;
    });
  if (entries.length === 0) throw new ConfigError('no master key found');
  return new LocalKeyRing(new Map(entries), entries[entries.length - 1]![0]);
}

export function newKeyLine(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * A key file holding one fresh key, readable by its owner only. It is never written over an
 * existing file (flag wx): that would lose the key every person's data key is wrapped under.
 */
export function writeNewKeyFile(keyFile: string, id = 'k1'): void {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  writeFileSync(
    keyFile,
    `# Custos master keys, oldest first. Keep this file out of backups of the database.\n${newKeyLine(id)}\n`,
    { mode: 0o600, flag: 'wx' },
  );
}

/** Load the key ring, creating a key file with a fresh key on first use of the embedded engine. */
export function loadKeyRing(env: NodeJS.ProcessEnv, keyFile: string, createIfMissing: boolean): LocalKeyRing {
  if (env.CUSTOS_MASTER_KEY) return parseKeyRing(env.CUSTOS_MASTER_KEY);
  if (!existsSync(keyFile)) {
    if (!createIfMissing)
      throw new ConfigError(
        `no master key: make one with \`npx custos keys new\` (it writes ${keyFile}), or set CUSTOS_MASTER_KEY to the line \`npx custos keys new --print\` prints`,
      );
    try {
      writeNewKeyFile(keyFile);
    } catch (error) {
      // Another process made it a moment ago: use that one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKeyRing(readFileSync(keyFile, 'utf8'));
}
