/** `npm run bench`: every benchmark, each against its bare baseline, with this machine described. */
import { cpus, totalmem } from 'node:os';
import { benchManifest } from './manifest.bench.ts';

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const results = [await benchManifest()];
if (results.includes(false)) {
  console.log('some figures missed their targets');
  process.exitCode = 1;
}
