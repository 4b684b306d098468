/**
 * Makes the articles' hero pictures: flat illustrations drawn for this project (no photographs, no third-party
 * images), like scripts/make-family-art.mjs does for families. Writes JPEGs under content/media/articles/; the
 * site's image pipeline makes the AVIF/WebP sizes. Alt texts live in each article's front matter.
 *
 *   node scripts/make-article-art.mjs
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const OUT = path.resolve('content/media/articles');
const W = 1600;
const H = 900;
const svg = (body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;

const ART = {
  // A safer home at night: a bedside lamp and a night light along the way, a grab bar and a non-slip mat by the
  // toilet, an older woman walking slowly in flat shoes with a hand on the rail.
  'fall-prevention-at-home': svg(`
    <rect width="${W}" height="${H}" fill="#2b3a55"/>
    <rect x="0" y="0" width="760" height="${H}" fill="#eef1e6"/><rect x="760" y="0" width="840" height="${H}" fill="#e3eef3"/>
    <rect x="0" y="720" width="${W}" height="180" fill="#c9b79a"/><rect x="760" y="720" width="840" height="180" fill="#cfd8dc"/>
    <rect x="60" y="520" width="420" height="140" rx="20" fill="#7a5230"/><rect x="60" y="470" width="420" height="70" rx="24" fill="#f4f1de"/>
    <rect x="60" y="660" width="30" height="60" fill="#7a5230"/><rect x="450" y="660" width="30" height="60" fill="#7a5230"/>
    <rect x="510" y="560" width="110" height="160" fill="#9b6a3c"/><path d="M545 560 L545 470 M520 470 L600 470 L580 420 L540 420 Z" stroke="#34424f" stroke-width="8" fill="#ffd34d"/>
    <circle cx="565" cy="455" r="90" fill="#ffd34d" opacity="0.25"/>
    <rect x="700" y="640" width="40" height="26" rx="6" fill="#ffd34d"/><circle cx="720" cy="700" r="60" fill="#ffd34d" opacity="0.25"/>
    <path d="M780 430 L1500 430" stroke="#7f8c8d" stroke-width="22" stroke-linecap="round"/>
    <rect x="1240" y="560" width="150" height="160" rx="30" fill="#ffffff" stroke="#9aa7ad" stroke-width="6"/><rect x="1220" y="520" width="190" height="50" rx="16" fill="#ffffff" stroke="#9aa7ad" stroke-width="6"/>
    <path d="M1440 520 L1440 660 L1520 660" stroke="#7f8c8d" stroke-width="20" stroke-linecap="round" fill="none"/>
    <rect x="1100" y="760" width="380" height="50" rx="18" fill="#4f9a6a"/>${[0, 1, 2, 3, 4].map((i) => `<circle cx="${1140 + i * 75}" cy="785" r="10" fill="#8fd3a8"/>`).join('')}
    <g>
      <path d="M905 560 L890 770 M935 560 L955 770" stroke="#34424f" stroke-width="26" stroke-linecap="round"/>
      <path d="M870 770 L905 770 M945 770 L985 770" stroke="#1f2933" stroke-width="22" stroke-linecap="round"/>
      <rect x="870" y="380" width="100" height="200" rx="40" fill="#8a5aa8"/>
      <path d="M955 400 L1000 440" stroke="#8a5aa8" stroke-width="24" stroke-linecap="round"/>
      <path d="M885 410 L850 520" stroke="#8a5aa8" stroke-width="24" stroke-linecap="round"/><path d="M850 520 L830 770" stroke="#6b4b2a" stroke-width="10" stroke-linecap="round"/>
      <circle cx="920" cy="330" r="44" fill="#f2c9a0"/><path d="M876 322 A44 44 0 0 1 964 322 L964 300 A44 36 0 0 0 876 300 Z" fill="#d9d9d9"/>
    </g>`),
};

mkdirSync(OUT, { recursive: true });
for (const [slug, body] of Object.entries(ART)) {
  const file = path.join(OUT, `${slug}.jpg`);
  await sharp(Buffer.from(body)).jpeg({ quality: 82, mozjpeg: true }).toFile(file);
  console.log(path.relative(process.cwd(), file));
}
