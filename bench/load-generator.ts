/**
 * The load generator for bench/web.bench.ts, run in a process of its own so that it does not share
 * the server's event loop (as a separate load generator would not): autocannon with the options
 * given as JSON in argv[2], its result as JSON on stdout.
 */
import { createRequire } from 'node:module';

const autocannon = createRequire(import.meta.url)('autocannon') as (options: unknown) => Promise<unknown>;
const result = await autocannon(JSON.parse(process.argv[2]!));
process.stdout.write(JSON.stringify(result));
