/**
 * The opt-in 积分晾晒 picture for a group chat: only "我这个月参加了 N 次健康活动", the month and the site's name —
 * no balance, no card number, nothing about anyone else. Drawn on a canvas in the browser (loaded only when the
 * resident asks for it); the text wraps to the picture's width in any locale.
 */
const W = 540;
const H = 720;

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  // Chinese wraps between any two characters; English between words.
  const units = /\s/.test(text) ? text.split(/(?<=\s)/) : [...text];
  const lines: string[] = [];
  let line = '';
  for (const u of units) {
    if (line && ctx.measureText(line + u).width > width) {
      lines.push(line.trimEnd());
      line = u.trimStart();
    } else line += u;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/** The picture as a PNG file and as a data: URL (the page shows it; the CSP allows data: images, not blob:). */
export async function sharePicture(opts: {
  text: string;
  site: string;
  month: string;
  intl: string;
}): Promise<{ blob: Blob; dataUrl: string }> {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d')!;
  const css = getComputedStyle(document.documentElement);
  const font = css.getPropertyValue('--font-sc').trim() || 'sans-serif';
  ctx.fillStyle = '#005a4e';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(32, 32, W - 64, H - 64);
  ctx.fillStyle = '#005a4e';
  ctx.textBaseline = 'top';
  const [y, m] = opts.month.split('-').map(Number);
  ctx.font = `600 30px ${font}`;
  ctx.fillText(
    new Intl.DateTimeFormat(opts.intl, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y!, m! - 1, 1)),
    ),
    64,
    80,
  );
  ctx.fillStyle = '#1f2933';
  ctx.font = `700 52px ${font}`;
  let top = 180;
  for (const line of wrap(ctx, opts.text, W - 128)) {
    ctx.fillText(line, 64, top);
    top += 70;
  }
  ctx.fillStyle = '#005a4e';
  ctx.font = `600 30px ${font}`;
  ctx.fillText(opts.site, 64, H - 120);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no picture'))), 'image/png'),
  );
  return { blob, dataUrl: canvas.toDataURL('image/png') };
}
