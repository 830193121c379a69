/** The pack as JSON: the machine-readable copy (UK GDPR Art. 15(3), "commonly used electronic form"). */
import type { SarPack } from './types.ts';

export function packJson(pack: SarPack): string {
  return JSON.stringify({ format: 'custos-sar-pack/1', ...pack }, null, 2) + '\n';
}
