/**
 * Makes the sample families' pictures: flat illustrations drawn for this project (no photographs of real
 * people, no third-party images), so the sample content may be published. Each family gets two JPEGs under
 * content/media/families/: a scene of the family together and a picture of the habit they are known for.
 * The site's image pipeline makes the AVIF/WebP sizes from these at build time.
 *
 *   node scripts/make-family-art.mjs        (needs sharp, which Astro's image service installs)
 *
 * Re-running gives the same files. Alt texts live in each family's front matter, not here.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const OUT = path.resolve('content/media/families');
const W = 1600;
const H = 1000;

/** A person: head, body and legs; size 1 is an adult, 0.6 a child; pose 'walk' angles the legs. */
function person(
  x,
  ground,
  { size = 1, shirt = '#2f6f8f', skin = '#f2c9a0', hair = '#3b2a20', pose = 'stand', cane = false } = {},
) {
  const h = 300 * size;
  const headR = 34 * size;
  const top = ground - h;
  const legs =
    pose === 'walk'
      ? `<path d="M${x - 10 * size} ${ground - h * 0.38} L${x - 40 * size} ${ground} M${x + 10 * size} ${ground - h * 0.38} L${x + 38 * size} ${ground}" stroke="#34424f" stroke-width="${22 * size}" stroke-linecap="round"/>`
      : `<path d="M${x - 14 * size} ${ground - h * 0.38} L${x - 18 * size} ${ground} M${x + 14 * size} ${ground - h * 0.38} L${x + 18 * size} ${ground}" stroke="#34424f" stroke-width="${22 * size}" stroke-linecap="round"/>`;
  const stick = cane
    ? `<path d="M${x + 52 * size} ${ground - h * 0.55} L${x + 62 * size} ${ground}" stroke="#6b4b2a" stroke-width="${8 * size}" stroke-linecap="round"/>`
    : '';
  return `<g>
    ${legs}
    <rect x="${x - 40 * size}" y="${top + headR * 2 + 6 * size}" width="${80 * size}" height="${h * 0.42}" rx="${30 * size}" fill="${shirt}"/>
    <path d="M${x - 38 * size} ${top + headR * 2 + 30 * size} L${x - 62 * size} ${top + h * 0.52} M${x + 38 * size} ${top + headR * 2 + 30 * size} L${x + 60 * size} ${top + h * 0.5}" stroke="${shirt}" stroke-width="${20 * size}" stroke-linecap="round"/>
    ${stick}
    <circle cx="${x}" cy="${top + headR}" r="${headR}" fill="${skin}"/>
    <path d="M${x - headR} ${top + headR * 0.9} A${headR} ${headR} 0 0 1 ${x + headR} ${top + headR * 0.9} L${x + headR} ${top + headR * 0.6} A${headR} ${headR * 0.8} 0 0 0 ${x - headR} ${top + headR * 0.6} Z" fill="${hair}"/>
  </g>`;
}

const sky = (a, b) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#sky)"/>`;
const ground = (y, colour) => `<rect y="${y}" width="${W}" height="${H - y}" fill="${colour}"/>`;
const tree = (x, y, s = 1) =>
  `<rect x="${x - 14 * s}" y="${y - 140 * s}" width="${28 * s}" height="${140 * s}" fill="#7a5230"/><circle cx="${x}" cy="${y - 190 * s}" r="${90 * s}" fill="#3f8f5a"/><circle cx="${x - 60 * s}" cy="${y - 150 * s}" r="${60 * s}" fill="#4fa06a"/><circle cx="${x + 60 * s}" cy="${y - 150 * s}" r="${60 * s}" fill="#4fa06a"/>`;
const building = (x, y, w, h, colour) => {
  let windows = '';
  for (let r = y + 40; r < y + h - 60; r += 90)
    for (let c = x + 30; c < x + w - 50; c += 80)
      windows += `<rect x="${c}" y="${r}" width="44" height="54" rx="4" fill="#fdf6d8"/>`;
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${colour}"/>${windows}`;
};
const sun = (x, y) => `<circle cx="${x}" cy="${y}" r="70" fill="#ffd34d"/>`;
const moon = (x, y) =>
  `<circle cx="${x}" cy="${y}" r="70" fill="#f4f1de"/><circle cx="${x + 30}" cy="${y - 20}" r="64" fill="#24345c"/>`;
const svg = (body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;

const ART = {
  'chen-family-less-sugar': [
    // Family of four at a table with water and fruit.
    svg(`${sky('#fdf3e7', '#fbe3c8')}${ground(760, '#e8c9a0')}
      <rect x="420" y="600" width="760" height="40" rx="10" fill="#9b6a3c"/><rect x="460" y="640" width="30" height="120" fill="#9b6a3c"/><rect x="1110" y="640" width="30" height="120" fill="#9b6a3c"/>
      ${person(330, 760, { shirt: '#2f6f8f' })}${person(1270, 760, { shirt: '#b3456b', hair: '#1f1a17' })}${person(620, 760, { size: 0.62, shirt: '#e3a21a' })}${person(980, 760, { size: 0.58, shirt: '#4f9a6a' })}
      <rect x="700" y="520" width="44" height="80" rx="8" fill="#cfe8f5" stroke="#7fb3cc" stroke-width="4"/><rect x="860" y="520" width="44" height="80" rx="8" fill="#cfe8f5" stroke="#7fb3cc" stroke-width="4"/>
      <circle cx="800" cy="575" r="30" fill="#d9452b"/><circle cx="835" cy="585" r="24" fill="#f0a21b"/><circle cx="770" cy="590" r="20" fill="#7bb342"/>`),
    // Reading a food label: a big label card and a magnifier.
    svg(`${sky('#f3f7f6', '#e2efec')}
      <rect x="520" y="160" width="560" height="700" rx="24" fill="#ffffff" stroke="#2f6f8f" stroke-width="8"/>
      ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="580" y="${240 + i * 95}" width="${i === 2 ? 300 : 440}" height="30" rx="8" fill="${i === 2 ? '#d9452b' : '#c9d4d1'}"/>`).join('')}
      <circle cx="1040" cy="520" r="120" fill="none" stroke="#34424f" stroke-width="24"/><path d="M1125 605 L1260 740" stroke="#34424f" stroke-width="36" stroke-linecap="round"/>`),
  ],
  'lao-zhou-morning-walk': [
    // An older man walking in the park at sunrise.
    svg(`${sky('#ffe9c7', '#cfe8f5')}${sun(1300, 260)}${ground(720, '#9fcf8a')}
      <path d="M0 820 Q800 700 1600 820 L1600 900 Q800 780 0 900 Z" fill="#e7d3a8"/>
      ${tree(220, 720, 1.2)}${tree(1420, 720, 1)}${person(760, 860, { shirt: '#8a4b00', hair: '#d0d0d0', pose: 'walk', cane: false })}`),
    // Shoes and a step counter: the daily walk.
    svg(`${sky('#eef5f3', '#dbeee8')}${ground(700, '#c8dcc0')}
      <path d="M420 640 q0 -90 90 -100 l120 0 q40 0 60 60 l40 40 q60 20 60 60 l0 20 l-370 0 z" fill="#2f6f8f"/><path d="M840 660 q0 -90 90 -100 l120 0 q40 0 60 60 l40 40 q60 20 60 60 l0 20 l-370 0 z" fill="#2f6f8f"/>
      <rect x="1180" y="240" width="220" height="340" rx="40" fill="#34424f"/><rect x="1210" y="290" width="160" height="180" rx="16" fill="#9fe0c0"/>`),
  ],
  'li-family-grandpa-blood-pressure': [
    // Grandfather seated with a blood pressure cuff, grandchild beside him.
    svg(`${sky('#f4f7f6', '#e3f0ed')}${ground(780, '#d8cbb5')}
      <rect x="520" y="520" width="360" height="60" rx="16" fill="#8a4b00"/><rect x="540" y="580" width="30" height="200" fill="#8a4b00"/><rect x="830" y="580" width="30" height="200" fill="#8a4b00"/>
      ${person(700, 700, { shirt: '#5b6f3a', hair: '#d9d9d9' })}${person(1060, 780, { size: 0.6, shirt: '#e3a21a' })}${person(360, 780, { shirt: '#b3456b' })}
      <rect x="610" y="470" width="70" height="40" rx="10" fill="#2f6f8f"/><rect x="940" y="520" width="160" height="120" rx="14" fill="#ffffff" stroke="#34424f" stroke-width="6"/><rect x="965" y="545" width="110" height="50" rx="6" fill="#9fe0c0"/>`),
    // A notebook of readings.
    svg(`${sky('#fbf1e4', '#f5e3c8')}
      <rect x="440" y="160" width="720" height="720" rx="20" fill="#ffffff" stroke="#8a4b00" stroke-width="8"/>
      ${Array.from({ length: 8 }, (_, i) => `<rect x="500" y="${230 + i * 78}" width="${220 + ((i * 53) % 280)}" height="26" rx="8" fill="${i % 3 === 0 ? '#2f6f8f' : '#c9d4d1'}"/>`).join('')}`),
  ],
  'lin-couple-sleep-screen-time': [
    // Night: a couple reading a paper book, phone away on a shelf.
    svg(`${sky('#24345c', '#3b4f7d')}${moon(1320, 200)}${ground(760, '#5a4a6a')}
      <rect x="380" y="560" width="840" height="200" rx="30" fill="#c9b8e0"/><rect x="380" y="520" width="260" height="80" rx="30" fill="#f4f1de"/><rect x="960" y="520" width="260" height="80" rx="30" fill="#f4f1de"/>
      ${person(560, 660, { size: 0.7, shirt: '#2f6f8f' })}${person(1040, 660, { size: 0.7, shirt: '#b3456b', hair: '#1f1a17' })}
      <rect x="140" y="420" width="160" height="20" fill="#8a4b00"/><rect x="180" y="360" width="60" height="60" rx="8" fill="#34424f"/>`),
    // An alarm clock at a regular bedtime.
    svg(`${sky('#2e3f66', '#1f2b47')}${moon(280, 220)}
      <circle cx="900" cy="520" r="260" fill="#f4f1de" stroke="#c9b8e0" stroke-width="20"/><path d="M900 520 L900 360 M900 520 L1010 600" stroke="#34424f" stroke-width="24" stroke-linecap="round"/>
      <circle cx="720" cy="250" r="60" fill="#c9b8e0"/><circle cx="1080" cy="250" r="60" fill="#c9b8e0"/>`),
  ],
  'sun-family-home-rehab': [
    // A carer helping an older woman practise standing with a walking frame at home.
    svg(`${sky('#f3f7f6', '#e3f0ed')}${ground(780, '#d9c7a7')}
      <rect x="120" y="200" width="300" height="360" fill="#cfe8f5" stroke="#ffffff" stroke-width="16"/>
      ${person(760, 780, { shirt: '#8a5aa8', hair: '#d9d9d9' })}${person(1060, 780, { shirt: '#2f6f8f' })}
      <path d="M640 560 L640 780 M880 560 L880 780 M640 560 L880 560" stroke="#7f8c8d" stroke-width="14" stroke-linecap="round" fill="none"/>`),
    // Grab bar and a non-slip mat: a safer bathroom.
    svg(`${sky('#eef5f9', '#dce9f1')}${ground(800, '#cfd8dc')}
      <rect x="300" y="200" width="1000" height="600" fill="#ffffff"/><path d="M520 420 L900 420" stroke="#7f8c8d" stroke-width="30" stroke-linecap="round"/>
      <rect x="560" y="780" width="480" height="60" rx="20" fill="#4f9a6a"/>${[0, 1, 2, 3, 4, 5].map((i) => `<circle cx="${610 + i * 76}" cy="810" r="12" fill="#8fd3a8"/>`).join('')}`),
  ],
  'zhao-family-smoke-free': [
    // A family in fresh air on a balcony with plants.
    svg(`${sky('#d8efff', '#bfe3f7')}${sun(240, 220)}${ground(760, '#d0d8c8')}
      ${building(1050, 180, 480, 600, '#e7d3c3')}
      <rect x="0" y="700" width="1600" height="24" fill="#7f8c8d"/>
      ${person(520, 760, { shirt: '#2f6f8f' })}${person(760, 760, { shirt: '#b3456b', hair: '#1f1a17' })}${person(940, 760, { size: 0.7, shirt: '#e3a21a' })}
      <rect x="300" y="640" width="90" height="70" rx="8" fill="#9b6a3c"/><circle cx="345" cy="610" r="50" fill="#3f8f5a"/>`),
    // A no-smoking sign.
    svg(`${sky('#f4f7f6', '#e8efed')}
      <circle cx="800" cy="500" r="300" fill="#ffffff" stroke="#b3261e" stroke-width="44"/>
      <rect x="560" y="470" width="400" height="60" rx="6" fill="#34424f"/><rect x="960" y="470" width="60" height="60" fill="#f0a21b"/>
      <path d="M590 290 L1010 710" stroke="#b3261e" stroke-width="44" stroke-linecap="round"/>`),
  ],
};

mkdirSync(OUT, { recursive: true });
for (const [slug, pictures] of Object.entries(ART)) {
  for (const [i, body] of pictures.entries()) {
    const file = path.join(OUT, `${slug}-${i + 1}.jpg`);
    await sharp(Buffer.from(body)).jpeg({ quality: 82, mozjpeg: true }).toFile(file);
    console.log(path.relative(process.cwd(), file));
  }
}
