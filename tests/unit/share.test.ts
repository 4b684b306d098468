/** Share helpers: the share/copy decision, subscription links, QR SVG, JSON-LD and the social image text. */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { eventJsonLd, familyJsonLd, isoWithOffset, jsonLdScript, schemaStatus } from '../../src/lib/share/jsonld.ts';
import { absoluteUrl, qrSvg, webcalUrl } from '../../src/lib/share/links.ts';
import { shareOrCopy } from '../../src/lib/share/share-action.ts';
import { socialImageSvg, wrapText } from '../../src/lib/share/social-image.ts';

const data = { title: '周六八段锦晨练班', url: 'https://health.example.org/events/baduanjin-saturday/' };
const abort = Object.assign(new Error('closed'), { name: 'AbortError' });
const denied = Object.assign(new Error('no'), { name: 'NotAllowedError' });

describe('share or copy', () => {
  it('uses the share sheet when the phone has one', async () => {
    const seen: unknown[] = [];
    expect(await shareOrCopy(data, { share: async (d) => void seen.push(d), writeText: async () => {} })).toBe(
      'shared',
    );
    expect(seen).toEqual([data]);
  });
  it('says nothing when the person closes the sheet', async () => {
    expect(
      await shareOrCopy(data, {
        share: async () => {
          throw abort;
        },
        writeText: async () => {},
      }),
    ).toBe('cancelled');
  });
  it('copies the link when sharing is refused or missing', async () => {
    const copied: string[] = [];
    const writeText = async (t: string) => void copied.push(t);
    expect(
      await shareOrCopy(data, {
        share: async () => {
          throw denied;
        },
        writeText,
      }),
    ).toBe('copied');
    expect(await shareOrCopy(data, { writeText })).toBe('copied');
    expect(copied).toEqual([data.url, data.url]);
  });
  it('asks to copy by hand when the clipboard refuses too', async () => {
    expect(
      await shareOrCopy(data, {
        writeText: async () => {
          throw denied;
        },
      }),
    ).toBe('manual');
    expect(await shareOrCopy(data, {})).toBe('manual');
  });
});

describe('links and QR', () => {
  it('makes absolute and webcal: URLs', () => {
    expect(absoluteUrl('https://health.example.org', '/en/events/x/')).toBe('https://health.example.org/en/events/x/');
    expect(webcalUrl('https://health.example.org/events/feeds/elders.ics')).toBe(
      'webcal://health.example.org/events/feeds/elders.ics',
    );
  });
  it('draws the QR code of exactly the URL, as an SVG hidden from assistive technology', async () => {
    const svg = await qrSvg(data.url);
    expect(svg).toMatch(/^<svg aria-hidden="true" focusable="false" xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const size = QRCode.create(data.url, { errorCorrectionLevel: 'M' }).modules.size;
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
    // The same URL gives the same drawing (deterministic builds); another URL another drawing.
    expect(await qrSvg(data.url)).toBe(svg);
    expect(await qrSvg(`${data.url}?x`)).not.toBe(svg);
  });
});

describe('JSON-LD', () => {
  it('writes Shanghai times with +08:00 whatever the machine zone', () => {
    expect(isoWithOffset('2026-11-24T07:00', 'Asia/Shanghai')).toBe('2026-11-24T07:00:00+08:00');
    expect(isoWithOffset('2026-07-01T09:30', 'UTC')).toBe('2026-07-01T09:30:00+00:00');
  });
  it('maps statuses to schema.org', () => {
    expect(schemaStatus('scheduled')).toBe('EventScheduled');
    expect(schemaStatus('cancelled')).toBe('EventCancelled');
    expect(schemaStatus('postponed')).toBe('EventPostponed');
    expect(schemaStatus('moved')).toBe('EventRescheduled');
    expect(schemaStatus('moved', false)).toBe('EventScheduled');
  });
  it('builds an Event with Place, PostalAddress, organizer and previousStartDate for a moved date', () => {
    const ld = eventJsonLd({
      event: { timeZone: 'Asia/Shanghai', organiser: '中医科', status: 'scheduled', signUp: { how: 'none' } },
      name: 'x',
      description: 'y',
      url: data.url,
      start: '2027-01-07T08:30',
      end: '2027-01-07T11:00',
      status: 'moved',
      previousStart: '2027-01-06T08:30',
      location: { name: '活动室', address: '健康路 3 号' },
      inLanguage: 'zh-Hans',
      organiserUrl: 'https://health.example.org/',
    });
    expect(ld).toMatchObject({
      '@type': 'Event',
      startDate: '2027-01-07T08:30:00+08:00',
      endDate: '2027-01-07T11:00:00+08:00',
      eventStatus: 'https://schema.org/EventRescheduled',
      previousStartDate: '2027-01-06T08:30:00+08:00',
      location: { '@type': 'Place', address: { '@type': 'PostalAddress', streetAddress: '健康路 3 号' } },
      organizer: { '@type': 'Organization', name: '中医科' },
    });
  });
  it('cannot close its script element', () => {
    const s = jsonLdScript({ name: '</script><script>alert(1)</script>' });
    expect(s).not.toContain('</script');
    expect(JSON.parse(s).name).toBe('</script><script>alert(1)</script>');
  });
});

describe('social image', () => {
  it('wraps CJK by width and marks a cut with …', () => {
    expect(wrapText('一二三四五六七八九十', 4, 2)).toEqual(['一二三四', '五六七…']);
    expect(wrapText('短标题', 14, 2)).toEqual(['短标题']);
  });
  it('escapes text and labels a cancelled event in words', () => {
    const svg = socialImageSvg({
      site: '健康社区',
      title: 'A & <B>',
      when: '12月27日',
      where: '广场',
      status: '已取消',
    });
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).toContain('已取消');
    expect(svg).toContain('width="1200" height="630"');
  });
});

describe('ended events', async () => {
  const { hasEnded } = await import('@hc/domain/calendar/ended.ts');
  const base = {
    slug: 'x',
    start: '2026-12-05T09:00',
    end: '2026-12-05T11:00',
    timeZone: 'Asia/Shanghai',
    exceptions: [],
    overrides: [],
    status: 'scheduled' as const,
    location: { name: 'a', address: 'b' },
    statusNote: undefined,
    rrule: undefined as string | undefined,
  };
  it('is over once the last occurrence has ended, in Shanghai time', () => {
    expect(hasEnded(base, new Date('2026-12-05T02:59:00Z'))).toBe(false); // 10:59 in Shanghai
    expect(hasEnded(base, new Date('2026-12-05T03:00:00Z'))).toBe(true);
  });
  it('counts a series until its last date, and an open series never ends', () => {
    const series = { ...base, rrule: 'FREQ=WEEKLY;COUNT=3' };
    expect(hasEnded(series, new Date('2026-12-15T00:00:00Z'))).toBe(false);
    expect(hasEnded(series, new Date('2026-12-19T04:00:00Z'))).toBe(true);
    expect(hasEnded({ ...base, rrule: 'FREQ=WEEKLY' }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('familyJsonLd', () => {
  it('describes the story, its habits and award, and omits a missing image', () => {
    const ld = familyJsonLd({
      headline: '陈家',
      description: '减糖',
      inLanguage: 'zh-Hans',
      habits: ['少喝含糖饮料', '看配料表'],
      award: '健康家庭 2026',
      publisher: '中心',
    });
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: '陈家',
      description: '减糖',
      inLanguage: 'zh-Hans',
      about: [
        { '@type': 'Thing', name: '少喝含糖饮料' },
        { '@type': 'Thing', name: '看配料表' },
      ],
      award: '健康家庭 2026',
      publisher: { '@type': 'Organization', name: '中心' },
      isAccessibleForFree: true,
    });
    expect(
      familyJsonLd({
        headline: 'x',
        description: 'y',
        inLanguage: 'en',
        habits: [],
        award: 'a',
        publisher: 'p',
        image: 'https://h/x.jpg',
      }).image,
    ).toEqual(['https://h/x.jpg']);
  });
});
