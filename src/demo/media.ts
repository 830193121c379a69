/**
 * Synthetic media for the demo's documents: a small greyscale still for a CCTV clip and a short
 * low-level noise recording for a call. Real files in real formats (PNG, WAV), so the store,
 * subject access packs and retention handle genuine binary documents; tiny, so ten thousand
 * households still load in well under a minute; and made from the seeded dice, so the same seed
 * gives the same bytes. Nothing in them depicts or sounds like anyone.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { Rng } from './random.ts';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 48×32 greyscale frame: a noisy background with a few darker blocks, as a camera might see. */
export function cctvStill(rng: Rng, width = 48, height = 32): Buffer {
  const shade = Array.from({ length: height }, () => new Uint8Array(width).fill(rng.int(150, 200)));
  for (let block = rng.int(1, 3); block > 0; block--) {
    const [x, y, w, h, level] = [
      rng.int(0, 40),
      rng.int(0, 24),
      rng.int(4, 12),
      rng.int(6, 14),
      rng.int(40, 110),
    ];
    for (let row = y; row < Math.min(height, y + h); row++)
      shade[row]!.fill(level, x, Math.min(width, x + w));
  }
  // Each row starts with filter type 0 (none); a little noise per pixel keeps it from looking flat.
  const raw = Buffer.concat(
    shade.map((row) => Buffer.from([0, ...row.map((v) => Math.max(0, Math.min(255, v + rng.int(-6, 6))))])),
  );
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method variants, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Half a second of quiet line noise: 8 kHz, 8-bit, mono PCM in a WAV container. */
export function callAudio(rng: Rng, sampleRate = 8000, seconds = 0.5): Buffer {
  const samples = Buffer.alloc(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) samples[i] = 128 + rng.int(-3, 3);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // the format block's size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes a second
  header.writeUInt16LE(1, 32); // bytes a frame
  header.writeUInt16LE(8, 34); // bits a sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}
