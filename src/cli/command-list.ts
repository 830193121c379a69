/**
 * Every `custos` command: its name, how `custos --help` lists it, and its module, imported only
 * when the command runs. Listing a command costs nothing; loading one brings only its own modules.
 */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

interface CommandEntry {
  name: string;
  /** How `custos --help` lists it, and its one-line summary (a test holds them to the module's own). */
  term: string;
  summary: string;
  /** The command's module, imported only when the command runs: `custos --help` loads none. */
  load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    term: 'validate [options] <file>',
    summary: 'check a privacy manifest against the schema and UK data protection law',
    load: async () => (await import('./commands/validate.ts')).registerValidate,
  },
  {
    name: 'notice',
    term: 'notice [options] <file>',
    summary: 'render the privacy notice (or a just-in-time notice) from a manifest',
    load: async () => (await import('./commands/notice.ts')).registerNotice,
  },
  {
    name: 'ropa',
    term: 'ropa [options] <file>',
    summary: 'write the Article 30 record of processing (ICO template columns, or DPV JSON-LD)',
    load: async () => (await import('./commands/ropa.ts')).registerRopa,
  },
  {
    name: 'diff',
    term: 'diff [options] <old> <new>',
    summary:
      'list the material changes between two manifests (which people must be told about) and the minor ones',
    load: async () => (await import('./commands/diff.ts')).registerDiff,
  },
  {
    name: 'audit',
    term: 'audit',
    summary: 'the tamper-evident audit log',
    load: async () => (await import('./commands/audit.ts')).registerAudit,
  },
  {
    name: 'consent',
    term: 'consent',
    summary: 'people’s consent: give, withdraw, receipts',
    load: async () => (await import('./commands/consent.ts')).registerConsent,
  },
  {
    name: 'keys',
    term: 'keys',
    summary: 'master keys',
    load: async () => (await import('./commands/keys.ts')).registerKeys,
  },
  {
    name: 'init',
    term: 'init [options] [file]',
    summary: 'write a starter privacy manifest for a social landlord',
    load: async () => (await import('./commands/init.ts')).registerInit,
  },
  {
    name: 'import',
    term: 'import [options] <files...>',
    summary:
      'load people, households, tenancies and records from CSV or JSON exports through a mapping; every row is checked and nothing is written unless all are good',
    load: async () => (await import('./commands/import.ts')).registerImport,
  },
  {
    name: 'demo',
    term: 'demo [options]',
    summary:
      'fill an empty store with the synthetic demo landlord: the same households, seed and --as-of day give the same data',
    load: async () => (await import('./commands/demo.ts')).registerDemo,
  },
  {
    name: 'retention',
    term: 'retention',
    summary: 'retention that runs itself: plan, run, holds, reviews',
    load: async () => (await import('./commands/retention.ts')).registerRetention,
  },
  {
    name: 'returns',
    term: 'returns',
    summary: 'routine returns (NFI, CORE, Rental Exchange), logged per person; agreements due for review',
    load: async () => (await import('./commands/returns.ts')).registerReturns,
  },
  {
    name: 'breach',
    term: 'breach',
    summary: 'the breach register: every breach and near miss, and its clocks',
    load: async () => (await import('./commands/breach.ts')).registerBreach,
  },
  {
    name: 'staff',
    term: 'staff',
    summary: 'staff and contractor sign-ins for the web application',
    load: async () => (await import('./commands/staff.ts')).registerStaff,
  },
  {
    name: 'stats',
    term: 'stats',
    summary: 'anonymised statistics: counts across people, small numbers suppressed',
    load: async () => (await import('./commands/stats.ts')).registerStats,
  },
  {
    name: 'api-key',
    term: 'api-key',
    summary: 'API keys for service accounts',
    load: async () => (await import('./commands/api-key.ts')).registerApiKey,
  },
];

/**
 * The command the arguments name: the first one that is not an option (the program's own options,
 * --help and --version, take no value), or the one after `help`.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
