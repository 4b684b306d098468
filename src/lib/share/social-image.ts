/**
 * The per-event social image (1200×630) as SVG, rendered to PNG at build time with sharp. Text is wrapped
 * by measured width: a CJK character is about one em, Latin letters about half.
 */
import { escapeXml } from './xml.ts';

export const SOCIAL_WIDTH = 1200;
export const SOCIAL_HEIGHT = 630;

const widthOf = (ch: string) => (ch.charCodeAt(0) <= 0xff ? 0.55 : 1);

/** Splits text into at most `maxLines` lines of `emPerLine` em, ending with "…" when cut. */
export function wrapText(text: string, emPerLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of text) {
    const cw = widthOf(ch);
    if (w + cw > emPerLine) {
      lines.push(cur);
      cur = '';
      w = 0;
      if (lines.length === maxLines) break;
    }
    cur += ch;
    w += cw;
  }
  if (lines.length < maxLines && cur) lines.push(cur);
  const used = lines.join('').length;
  if (used < [...text].length && lines.length) {
    const last = [...lines[lines.length - 1]];
    lines[lines.length - 1] = last.slice(0, Math.max(0, last.length - 1)).join('') + '…';
  }
  return lines;
}

export interface SocialImageText {
  site: string;
  title: string;
  when: string;
  where: string;
  /** e.g. "已取消": shown as a red label with words, not colour alone. */
  status?: string;
}

export function socialImageSvg(t: SocialImageText): string {
  const titleSize = 72;
  const titleLines = wrapText(t.title, Math.floor(1040 / titleSize), 2);
  const font = `'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif`;
  let y = 150;
  const parts: string[] = [];
  if (t.status) {
    parts.push(
      `<rect x="80" y="${y - 52}" width="${Math.ceil([...t.status].reduce((s, c) => s + widthOf(c), 0) * 44) + 48}" height="68" rx="10" fill="#b3261e"/>`,
    );
    parts.push(`<text x="104" y="${y}" font-size="44" font-weight="700" fill="#ffffff">${escapeXml(t.status)}</text>`);
    y += 100;
  }
  for (const line of titleLines) {
    parts.push(
      `<text x="80" y="${y}" font-size="${titleSize}" font-weight="700" fill="#1f2933">${escapeXml(line)}</text>`,
    );
    y += titleSize + 20;
  }
  y += 20;
  for (const line of [t.when, ...wrapText(t.where, 23, 1)]) {
    parts.push(`<text x="80" y="${y}" font-size="44" fill="#1f2933">${escapeXml(line)}</text>`);
    y += 64;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SOCIAL_WIDTH}" height="${SOCIAL_HEIGHT}" viewBox="0 0 ${SOCIAL_WIDTH} ${SOCIAL_HEIGHT}" font-family="${font}">
<rect width="100%" height="100%" fill="#f4f7f6"/>
<rect width="100%" height="24" fill="#005a4e"/>
${parts.join('\n')}
<rect y="${SOCIAL_HEIGHT - 90}" width="100%" height="90" fill="#005a4e"/>
<text x="80" y="${SOCIAL_HEIGHT - 32}" font-size="40" font-weight="700" fill="#ffffff">${escapeXml(t.site)}</text>
</svg>`;
}
