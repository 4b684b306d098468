/**
 * Dialects and languages of audio tracks, each listed by its own name (an elder looks for the name they call
 * their own speech), with the html lang for that name.
 */
import type { AudioTrack } from '@hc/domain/model/article.ts';

export const DIALECT_NAMES: Record<AudioTrack['dialect'], { name: string; lang: string }> = {
  cmn: { name: '普通话', lang: 'zh-Hans' },
  yue: { name: '粵語（廣東話）', lang: 'yue-Hant' },
  nan: { name: '閩南話', lang: 'nan-Hant' },
  wuu: { name: '上海话', lang: 'wuu-Hans' },
  sc: { name: '四川话', lang: 'zh-Hans' },
  hak: { name: '客家話', lang: 'hak-Hant' },
};

/** Public URL of a media file named in content (paths are relative to content/, e.g. media/audio/x.mp3). */
export function mediaUrl(src: string): string {
  if (/^https?:\/\//.test(src)) return src; // uploaded in Sanity: served by its CDN
  return `/${src.replace(/^\/+/, '')}`;
}

/** 83.4 → "1:23"; 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Tracks in a stable order: the page's own dialect first (Cantonese on yue pages), then as listed. */
export function orderTracks<T extends Pick<AudioTrack, 'dialect'>>(
  tracks: readonly T[],
  preferred: AudioTrack['dialect'] | undefined,
): T[] {
  if (!preferred) return [...tracks];
  return [...tracks.filter((t) => t.dialect === preferred), ...tracks.filter((t) => t.dialect !== preferred)];
}
