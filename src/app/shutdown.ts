/**
 * Stopping a long-running process cleanly on SIGTERM (a service manager, a container, `kill`) and
 * SIGINT (Ctrl+C): whatever has been started is stopped, newest first (the retention timer before
 * the web server, the web server before the store it uses), so no request or sweep is cut off
 * half-way and the embedded database is closed properly. A second signal exits at once.
 */
export type Stop = () => unknown;

export interface Shutdown {
  /** Something to stop on the way out; they are stopped newest first. */
  add(name: string, stop: Stop): void;
  /** True once a signal has come: startup steps still running may then fail, and that is expected. */
  readonly stopping: boolean;
  /** Stop everything added so far and exit (0, or 1 if a step failed). */
  run(reason: string): Promise<never>;
}

export function shutdownOnSignals(
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
  log: (line: string) => void = (line) => console.log(line),
): Shutdown {
  const steps: { name: string; stop: Stop }[] = [];
  let stopping = false;
  const shutdown: Shutdown = {
    add: (name, stop) => void steps.push({ name, stop }),
    get stopping() {
      return stopping;
    },
    async run(reason) {
      if (stopping) process.exit(1);
      stopping = true;
      log(`Custos is stopping (${reason})…`);
      let failed = false;
      for (const { name, stop } of steps.reverse()) {
        try {
          await stop();
        } catch (e) {
          failed = true;
          log(`Could not stop the ${name} cleanly: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      process.exit(failed ? 1 : 0);
    },
  };
  for (const signal of signals) process.on(signal, () => void shutdown.run(signal));
  return shutdown;
}
