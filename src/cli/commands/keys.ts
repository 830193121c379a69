import { appendFileSync } from 'node:fs';
import type { Command } from 'commander';
import { configFromEnv, openStore } from '../../app/compose.ts';
import { loadKeyRing, newKeyLine } from '../../store/keys.ts';
import { appendAudit } from '../../audit/append.ts';
import { vaultOf } from '../../records/store.ts';
import { CliError } from '../io.ts';
import { registerKeysNew } from './keys-new.ts';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('master keys');
  registerKeysNew(keys);
  keys
    .command('rotate')
    .description(
      'add a new master key to the key file and re-wrap every person’s data key under it; the data is untouched',
    )
    .action(async () => {
      const config = configFromEnv();
      if (process.env.CUSTOS_MASTER_KEY) {
        throw new CliError(
          'CUSTOS_MASTER_KEY is set: add the new key there (id:base64, comma-separated, newest last), then run `custos keys rewrap`',
          2,
        );
      }
      const ring = loadKeyRing(process.env, config.keyFile, false);
      const nextId = `k${Date.now().toString(36)}`;
      appendFileSync(config.keyFile, `${newKeyLine(nextId)}\n`);
      process.stderr.write(`added master key ${nextId} (previous: ${ring.currentId})\n`);
      await rewrap();
    });
  keys
    .command('rewrap')
    .description('re-wrap every person’s data key under the current master key')
    .action(rewrap);
}

async function rewrap(): Promise<void> {
  const store = await openStore(configFromEnv(), process.env, { create: false });
  try {
    const count = await vaultOf(store).rewrap();
    // Key changes are security events the DPO may be asked about: record one per controller.
    await appendAudit(
      store.db,
      [...store.manifests.keys()].map((controllerId) => ({
        controllerId,
        at: store.now(),
        actor: 'custos-cli',
        actorKind: 'system' as const,
        action: 'keys.rewrap',
        channel: 'cli' as const,
        outcome: 'allowed' as const,
        reason: `${count} data key(s) re-wrapped under master key ${store.keys.currentId}`,
      })),
    );
    process.stdout.write(`re-wrapped ${count} data key(s) under master key ${store.keys.currentId}\n`);
  } finally {
    await store.db.close();
  }
}
