/** Median wall time of a function over several runs, after warm-up. */
export async function medianMs(fn: () => unknown, runs = 9, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function report(
  rows: { name: string; ms: number; baselineMs?: number; targetMs?: number }[],
): boolean {
  let ok = true;
  for (const r of rows) {
    const ratio = r.baselineMs
      ? ` ratio ${(r.ms / r.baselineMs).toFixed(1)}x to baseline (${r.baselineMs.toFixed(1)} ms)`
      : '';
    const target = r.targetMs
      ? r.ms <= r.targetMs
        ? ` ✓ under ${r.targetMs} ms`
        : ` ✗ over ${r.targetMs} ms`
      : '';
    if (r.targetMs && r.ms > r.targetMs) ok = false;
    console.log(`  ${r.name.padEnd(44)} ${r.ms.toFixed(1).padStart(8)} ms${ratio}${target}`);
  }
  return ok;
}
