/**
 * Article audio tracks: a track whose file is missing fails the build with the file and field path, and every
 * track in content/ exists, is a well-formed MP3 and lasts what its durationSec says (within a second), measured
 * by walking the MP3's frames, not trusted from the front matter. The tracks are made by scripts/make-audio.mjs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/sample.ts';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { useContentFixture } from './content-fixture.ts';

// ---------------------------------------------------------------------------------------------------------------
// MP3 duration, from the frames themselves.

interface Mp3Info {
  durationSec: number;
  /** Audio frames found by walking the stream (a Xing/Info/VBRI header frame is not counted). */
  frames: number;
  sampleRate: number;
  channels: 1 | 2;
  layer: 1 | 2 | 3;
  /** Average bit rate in kbit/s over the audio frames. */
  kbps: number;
  /** Frame count the Xing/Info header declares, when there is one. */
  declaredFrames?: number;
}

const BITRATES: Record<string, number[]> = {
  // kbit/s by bitrate index 1..14, for [MPEG version 1 | 2 and 2.5] × layer.
  '1-1': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface FrameHeader {
  length: number;
  samples: number;
  sampleRate: number;
  kbps: number;
  mpeg1: boolean;
  layer: 1 | 2 | 3;
  channels: 1 | 2;
}

function frameHeader(b: Uint8Array, i: number): FrameHeader | undefined {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (b[i + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved
  const layerBits = (b[i + 1] >> 1) & 3; // 3 layer I, 2 layer II, 1 layer III
  const brIndex = b[i + 2] >> 4;
  const srIndex = (b[i + 2] >> 2) & 3;
  if (version === 1 || layerBits === 0 || brIndex === 0 || brIndex === 15 || srIndex === 3) return undefined;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const mpeg1 = version === 3;
  const kbps = BITRATES[`${mpeg1 ? 1 : 2}-${layer}`][brIndex - 1];
  const sampleRate = SAMPLE_RATES[version][srIndex];
  const padding = (b[i + 2] >> 1) & 1;
  const channels = b[i + 3] >> 6 === 3 ? 1 : 2;
  const samples = layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  const length =
    layer === 1
      ? (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding;
  return { length, samples, sampleRate, kbps, mpeg1, layer, channels };
}

/** Walks every frame of an MP3 (after any ID3v2 tag, before any ID3v1/APE tag) and returns its playing time. */
export function mp3Info(buf: Uint8Array): Mp3Info {
  let i = 0;
  // ID3v2: "ID3", version, flags, then a 4-byte syncsafe size; a footer adds 10 bytes.
  while (buf[i] === 0x49 && buf[i + 1] === 0x44 && buf[i + 2] === 0x33) {
    const size =
      ((buf[i + 6] & 0x7f) << 21) | ((buf[i + 7] & 0x7f) << 14) | ((buf[i + 8] & 0x7f) << 7) | (buf[i + 9] & 0x7f);
    i += 10 + size + (buf[i + 5] & 0x10 ? 10 : 0);
  }
  let end = buf.length;
  const ascii = (at: number, n: number) => String.fromCharCode(...buf.subarray(at, at + n));
  if (end >= 128 && ascii(end - 128, 3) === 'TAG') end -= 128;
  if (end >= 32 && ascii(end - 32, 8) === 'APETAGEX')
    end -= 32 + new DataView(buf.buffer, buf.byteOffset).getUint32(end - 32 + 12, true);

  // The first frame must start here (encoders may leave a few zero bytes); no searching through arbitrary data.
  while (i < end && buf[i] === 0) i++;
  const first = frameHeader(buf, i);
  if (!first) throw new Error(`no MPEG audio frame at byte ${i}`);

  let frames = 0;
  let bits = 0;
  let declaredFrames: number | undefined;
  let trimSamples = 0;
  // A Xing/Info (LAME) or VBRI header sits in the first frame, which then carries no audio.
  const sideInfo = first.mpeg1 ? (first.channels === 1 ? 17 : 32) : first.channels === 1 ? 9 : 17;
  const xing = i + 4 + sideInfo;
  if (first.layer === 3 && (ascii(xing, 4) === 'Xing' || ascii(xing, 4) === 'Info')) {
    const flags = buf[xing + 7];
    if (flags & 1) declaredFrames = new DataView(buf.buffer, buf.byteOffset).getUint32(xing + 8, false);
    const lame = xing + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
    if (/^(LAME|Lavc|Lavf)/.test(ascii(lame, 4))) {
      // Encoder delay and end padding (12 bits each), which decoders drop.
      const d = lame + 21;
      trimSamples = ((buf[d] << 4) | (buf[d + 1] >> 4)) + (((buf[d + 1] & 0x0f) << 8) | buf[d + 2]);
    }
    i += first.length;
  } else if (ascii(i + 36, 4) === 'VBRI') {
    declaredFrames = new DataView(buf.buffer, buf.byteOffset).getUint32(i + 36 + 14, false);
    i += first.length;
  }

  while (i + 4 <= end) {
    const h = frameHeader(buf, i);
    if (!h) break;
    if (h.sampleRate !== first.sampleRate || h.layer !== first.layer)
      throw new Error(`frame at byte ${i} changes format`);
    if (i + h.length > end) break; // a truncated last frame is not played
    frames += 1;
    bits += h.kbps;
    i += h.length;
  }
  if (end - i > 4) throw new Error(`${end - i} bytes after the last frame at byte ${i} are not MPEG audio`);
  if (frames === 0) throw new Error('no audio frames');

  const samples = frames * first.samples - trimSamples;
  return {
    durationSec: samples / first.sampleRate,
    frames,
    sampleRate: first.sampleRate,
    channels: first.channels,
    layer: first.layer,
    kbps: bits / frames,
    declaredFrames,
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('MP3 frame walker', () => {
  // One MPEG-2 layer III frame header: 32 kbit/s, 22.05 kHz, mono → 104 bytes, 576 samples.
  const frame = (pad = 0) => {
    const f = new Uint8Array(104 + pad);
    f.set([0xff, 0xf3, 0x40 | (pad << 1), 0xc4]);
    return f;
  };
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  it('counts CBR frames after an ID3v2 tag and before an ID3v1 tag', () => {
    const id3 = new Uint8Array(10 + 20);
    id3.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 20]);
    const v1 = new Uint8Array(128);
    v1.set([0x54, 0x41, 0x47]);
    const info = mp3Info(concat(id3, ...Array.from({ length: 383 }, () => frame()), frame(1), v1));
    expect(info.frames).toBe(384);
    expect(info.durationSec).toBeCloseTo((384 * 576) / 22050, 6);
    expect(info).toMatchObject({ sampleRate: 22050, channels: 1, layer: 3, kbps: 32 });
  });

  it('rejects data that is not MPEG audio', () => {
    expect(() => mp3Info(new TextEncoder().encode('RIFF....WAVEfmt '))).toThrow(/no MPEG audio frame/);
    expect(() => mp3Info(concat(frame(), frame(), new Uint8Array(50).fill(7)))).toThrow(/not MPEG audio/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The loader checks that audio files exist (pattern of content-errors.test.ts).

const fx = useContentFixture();
const { edit, problems } = fx;

const withAudio = (...tracks: string[]) =>
  edit(
    'articles/salt.md',
    'updatedAt: 2026-01-10\n',
    `updatedAt: 2026-01-10\naudio:\n${tracks.map((t) => `  - ${t}\n`).join('')}`,
  );

describe('article audio tracks in the loader', () => {
  it('loads a track whose file exists', async () => {
    writeFileSync(path.join(fx.dir(), 'media/audio/salt.yue.mp3'), 'x');
    withAudio('{ dialect: yue, src: media/audio/salt.yue.mp3, durationSec: 61.5, transcriptOf: yue }');
    const set = await loadLocalContent(fx.dir());
    expect(set.articles[0].data.audio).toEqual([
      { dialect: 'yue', src: 'media/audio/salt.yue.mp3', durationSec: 61.5, transcriptOf: 'yue' },
    ]);
  });

  it('names the article and the track whose file does not exist', async () => {
    writeFileSync(path.join(fx.dir(), 'media/audio/salt.cmn.mp3'), 'x');
    withAudio(
      '{ dialect: cmn, src: media/audio/salt.cmn.mp3, durationSec: 60.2, transcriptOf: zh-hans }',
      '{ dialect: yue, src: media/audio/salt.yue.mp3, durationSec: 61.5, transcriptOf: yue }',
    );
    const msg = await problems();
    expect(msg).toContain('content/articles/salt.md: audio[1].src: file not found: content/media/audio/salt.yue.mp3');
    expect(msg).not.toContain('audio[0]');
  });

  it('refuses a remote audio URL', async () => {
    withAudio('{ dialect: yue, src: "https://example.com/salt.mp3", durationSec: 61.5 }');
    expect(await problems()).toContain(
      'content/articles/salt.md: audio[0].src: media must be a file under content/media, not a remote URL',
    );
  });

  it('refuses an unknown dialect and a zero duration', async () => {
    writeFileSync(path.join(fx.dir(), 'media/audio/salt.mp3'), 'x');
    withAudio('{ dialect: klingon, src: media/audio/salt.mp3, durationSec: 0 }');
    const msg = await problems();
    expect(msg).toContain('content/articles/salt.md: audio[0].dialect: ');
    expect(msg).toContain('content/articles/salt.md: audio[0].durationSec: ');
  });
});

// ---------------------------------------------------------------------------------------------------------------

const set = await loadLocalContent('content');

describe.runIf(SAMPLE)('audio tracks in content/', () => {
  const tracks = set.articles.flatMap((a) => a.data.audio.map((t, i) => ({ slug: a.data.slug, i, ...t })));

  it('give at least 4 articles a Mandarin and a Cantonese reading', () => {
    const both = set.articles.filter((a) => ['cmn', 'yue'].every((d) => a.data.audio.some((t) => t.dialect === d)));
    expect(both.length).toBeGreaterThanOrEqual(4);
    for (const a of both) {
      expect(a.data.audio.find((t) => t.dialect === 'yue')?.transcriptOf, a.data.slug).toBe('yue');
      expect(a.data.translations.yue, `${a.data.slug} reads the Cantonese text, so it needs one`).toBeDefined();
    }
  });

  it.each(tracks.map((t) => [`${t.slug} audio[${t.i}] ${t.src}`, t] as const))(
    '%s exists and lasts durationSec',
    (_, t) => {
      const file = path.join('content', t.src);
      expect(existsSync(file), `content/${t.src}`).toBe(true);
      expect(t.src, 'only MP3 durations are measured here; MP3 plays in every phone browser').toMatch(/\.mp3$/);
      const buf = readFileSync(file);
      const info = mp3Info(buf);
      if (info.declaredFrames !== undefined)
        expect(info.frames, 'frames walked = frames the Xing/Info header declares').toBe(info.declaredFrames);
      expect(
        Math.abs(info.durationSec - t.durationSec),
        `measured ${info.durationSec.toFixed(2)} s`,
      ).toBeLessThanOrEqual(1);
      expect(info.durationSec).toBeGreaterThan(5);
      expect(buf.length, 'under 1 MB for phones on mobile data').toBeLessThan(1024 * 1024);
    },
  );
});
