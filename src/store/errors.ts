/** A deployment mistake (a missing key, an unreachable database): reported plainly, never as a stack trace. */
export class ConfigError extends Error {}
