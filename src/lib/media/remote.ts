/**
 * Images served from Sanity's CDN (uploaded in the Studio, not files in content/media): their size is in the
 * asset path (…/<sha1>-<width>x<height>.<ext>), and the CDN resizes by the w/h query parameters, so a
 * responsive <img> needs no build-time processing. Pure.
 */
export function isRemote(src: string): boolean {
  return /^https?:\/\//.test(src);
}

export interface RemoteImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/** The image at `widths` (never wider than the original), with the width and height of the largest. */
export function remoteImage(src: string, widths: number[]): RemoteImage {
  const url = new URL(src);
  const m = /-(\d+)x(\d+)\.[a-z]+$/.exec(url.pathname);
  const origW = m ? Number(m[1]) : Number(url.searchParams.get('w') ?? 1200);
  const origH = m ? Number(m[2]) : Number(url.searchParams.get('h') ?? Math.round(origW * 0.75));
  const fit = [...new Set(widths.filter((w) => w <= origW))].sort((a, b) => a - b);
  if (fit.length === 0) fit.push(origW);
  const at = (w: number) => {
    const u = new URL(url);
    u.searchParams.set('w', String(w));
    u.searchParams.set('h', String(Math.round((w * origH) / origW)));
    if (!u.searchParams.has('auto')) u.searchParams.set('auto', 'format');
    return u.toString();
  };
  const largest = fit.at(-1)!;
  return {
    src: at(largest),
    srcset: fit.map((w) => `${at(w)} ${w}w`).join(', '),
    width: largest,
    height: Math.round((largest * origH) / origW),
  };
}
