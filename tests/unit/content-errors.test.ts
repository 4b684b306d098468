/**
 * Bad content fails with the file and the field path. Each case copies a small valid content folder,
 * breaks one thing, and asserts the exact message the editor would see.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalContent } from '../../src/content/loaders/local.ts';
import { useContentFixture } from './content-fixture.ts';

const fx = useContentFixture();
const { edit, problems } = fx;

describe('valid fixture', () => {
  it('loads', async () => {
    const set = await loadLocalContent(fx.dir());
    expect(set.articles.map((a) => a.data.slug)).toEqual(['salt']);
    expect(set.events[0].data.rrule).toBe('FREQ=WEEKLY;BYDAY=SA;COUNT=4');
    expect(set.families[0].data.consent.by).toContain('社区工作人员');
  });
});

describe('sources cited by id (content/sources.yaml)', () => {
  const LIST =
    '- { id: dietary-guidelines, title: 中国居民膳食指南（2022）, publisher: 中国营养学会, year: 2022, edition: "2022" }\n';

  it('resolves an id to the list entry, so every article cites it the same way', async () => {
    writeFileSync(path.join(fx.dir(), 'sources.yaml'), LIST);
    edit('articles/salt.md', /^sources:\n.*\n/m, 'sources: [dietary-guidelines]\n');
    const set = await loadLocalContent(fx.dir());
    expect(set.articles[0].data.sources).toEqual([
      {
        id: 'dietary-guidelines',
        title: '中国居民膳食指南（2022）',
        publisher: '中国营养学会',
        year: 2022,
        edition: '2022',
      },
    ]);
    expect(set.sources.map((e) => e.data.id)).toEqual(['dietary-guidelines']);
  });

  it('an unknown id names the file and the field', async () => {
    writeFileSync(path.join(fx.dir(), 'sources.yaml'), LIST);
    edit('articles/salt.md', /^sources:\n.*\n/m, 'sources: [dietary-guidelines, dietary-guidelines-2016]\n');
    const msg = await problems();
    expect(msg).toContain('content/articles/salt.md: sources[1]: unknown source id "dietary-guidelines-2016"');
    expect(msg).not.toContain('sources[0]');
  });

  it('an id with no source list at all is unknown too', async () => {
    edit('articles/salt.md', /^sources:\n.*\n/m, 'sources: [dietary-guidelines]\n');
    expect(await problems()).toContain('content/articles/salt.md: sources[0]: unknown source id "dietary-guidelines"');
  });

  it('a list entry without a publisher names the list file and the field', async () => {
    writeFileSync(path.join(fx.dir(), 'sources.yaml'), '- { id: x, title: 某指南, year: 2020 }\n');
    expect(await problems()).toContain('content/sources.yaml: [0].publisher: ');
  });
});

describe('file names', () => {
  it('reads events and quizzes written as .yml too', async () => {
    const dir = fx.dir();
    const walk = readFileSync(path.join(dir, 'events/walk.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'events/walk-two.yml'), walk);
    const set = await loadLocalContent(dir);
    expect(set.events.map((e) => e.data.slug).sort()).toEqual(['walk', 'walk-two']);
  });
});

describe('bad content names the file and the field path', () => {
  it('missing reviewer', async () => {
    edit('articles/salt.md', /^reviewer:.*\n/m, '');
    expect(await problems()).toContain('content/articles/salt.md: reviewer: ');
  });

  it('missing reviewer name', async () => {
    edit('articles/salt.md', '{ name: 测试医生（虚构）, role: 全科医师 }', '{ role: 全科医师 }');
    expect(await problems()).toContain('content/articles/salt.md: reviewer.name: ');
  });

  it('missing review dates', async () => {
    edit('articles/salt.md', /^reviewedAt:.*\n/m, '');
    edit('articles/salt.md', /^nextReviewDue:.*\n/m, '');
    const msg = await problems();
    expect(msg).toContain('content/articles/salt.md: reviewedAt: ');
    expect(msg).toContain('content/articles/salt.md: nextReviewDue: ');
  });

  it('no cited source', async () => {
    edit('articles/salt.md', /^sources:\n.*\n/m, 'sources: []\n');
    expect(await problems()).toContain('content/articles/salt.md: sources: an article needs at least one cited source');
  });

  it('next review more than three years after review', async () => {
    edit('articles/salt.md', 'nextReviewDue: 2027-01-10', 'nextReviewDue: 2029-01-11');
    expect(await problems()).toContain(
      'content/articles/salt.md: nextReviewDue: next review must be at most 3 years after the review date (2029-01-10 at the latest)',
    );
  });

  it('summary too long', async () => {
    edit('articles/salt.md', 'summary: 成年人每天吃盐不超过 5 克。', `summary: ${'盐'.repeat(121)}`);
    expect(await problems()).toContain(
      'content/articles/salt.md: summary: summary must be one or two sentences (120 characters at most)',
    );
  });

  it('summary too long in a translation names the translation file', async () => {
    writeFileSync(
      path.join(fx.dir(), 'articles/salt.zh-hant.md'),
      `---\ntitle: 每天吃多少鹽？\nsummary: ${'鹽'.repeat(121)}\n---\n內文。\n`,
    );
    expect(await problems()).toContain(
      'content/articles/salt.zh-hant.md: summary: summary must be one or two sentences',
    );
  });

  it('unknown audience id', async () => {
    edit('articles/salt.md', 'audiences: [elders]', 'audiences: [elders, astronauts]');
    expect(await problems()).toContain('content/articles/salt.md: audiences[1]: unknown audience id "astronauts"');
  });

  it('unknown topic id', async () => {
    edit('events/walk.yaml', 'audiences: [elders]', 'audiences: [elders]\ntopics: [gardening]');
    expect(await problems()).toContain('content/events/walk.yaml: topics[0]: unknown topic id "gardening"');
  });

  it('event ending before it starts', async () => {
    edit('events/walk.yaml', 'end: "2026-12-05T09:00"', 'end: "2026-12-05T07:30"');
    expect(await problems()).toContain(
      'content/events/walk.yaml: end: event ends (2026-12-05T07:30) before it starts (2026-12-05T08:00)',
    );
  });

  it('image without alt text', async () => {
    writeFileSync(path.join(fx.dir(), 'media/walk.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    edit('events/walk.yaml', 'type: exercise', 'type: exercise\nimage: { src: media/walk.svg, alt: "" }');
    expect(await problems()).toContain('content/events/walk.yaml: image.alt: every image needs alt text');
  });

  it('image with no alt field at all', async () => {
    writeFileSync(path.join(fx.dir(), 'media/wang.jpg'), 'x');
    edit('families/wang.md', 'habits: [每天快走]', 'habits: [每天快走]\nphotos:\n  - { src: media/wang.jpg }');
    expect(await problems()).toContain('content/families/wang.md: photos[0].alt: ');
  });

  it('duplicate slug', async () => {
    // Two files cannot share a name, so the same slug arrives from a second source folder entry: a copy under another
    // name with the same slug in a list (audiences), and an article slug clash via the Sanity-shaped cross-check.
    edit('taxonomies/audiences.yaml', '- { id: chronic,', '- { id: elders,');
    expect(await problems()).toContain(
      'content/taxonomies/audiences.yaml: id: duplicate audience id "elders" (also in content/taxonomies/audiences.yaml)',
    );
  });

  it('malformed date', async () => {
    edit('articles/salt.md', 'reviewedAt: 2026-01-10', 'reviewedAt: 2026-13-40');
    expect(await problems()).toMatch(
      /content\/articles\/salt\.md: reviewedAt: (is not a real calendar date|must be a date written as YYYY-MM-DD)/,
    );
  });

  it('malformed event time', async () => {
    edit('events/walk.yaml', 'start: "2026-12-05T08:00"', 'start: "5 December, 8am"');
    expect(await problems()).toContain(
      'content/events/walk.yaml: start: must be a local date and time written as YYYY-MM-DDTHH:mm',
    );
  });

  it('family without recorded consent', async () => {
    edit('families/wang.md', /^consent:.*\n/m, '');
    expect(await problems()).toContain(
      'content/families/wang.md: consent: a family is published only with recorded consent {recordedAt, by}',
    );
  });

  it('raw HTML in an article body', async () => {
    edit('articles/salt.md', '吃盐多会让血压升高。', '吃盐多会让血压升高。<script>alert(1)</script>');
    expect(await problems()).toContain(
      'content/articles/salt.md: body: line 15: raw HTML <script> is not allowed; write it in Markdown',
    );
  });

  it('unknown field names the nearest known field', async () => {
    edit('families/wang.md', /^consent:/m, 'hiden: true\nconsent:');
    expect(await problems()).toContain('content/families/wang.md: hiden: unknown field — did you mean hidden?');
  });

  it('unknown nested field in a translation', async () => {
    writeFileSync(
      path.join(fx.dir(), 'articles/salt.en.md'),
      '---\ntitle: Salt\nsummary: Less salt.\ntranslater: A\n---\nText.\n',
    );
    expect(await problems()).toContain(
      'content/articles/salt.en.md: translater: unknown field — did you mean translator?',
    );
  });

  it('media file that does not exist', async () => {
    edit('events/walk.yaml', 'type: exercise', 'type: exercise\nimage: { src: media/missing.jpg, alt: 广场 }');
    expect(await problems()).toContain(
      'content/events/walk.yaml: image.src: file not found: content/media/missing.jpg',
    );
  });

  it('reports every problem at once', async () => {
    edit('articles/salt.md', /^reviewer:.*\n/m, '');
    edit('events/walk.yaml', 'end: "2026-12-05T09:00"', 'end: "2026-12-05T07:30"');
    const msg = await problems();
    expect(msg).toMatch(/^Invalid content \(2 problems\)/);
  });
});

describe('quiz bands are checked when content loads (the build stops)', () => {
  it('names the quiz file, the quiz and the band for a gap and an overlap', async () => {
    const { cpSync, mkdirSync } = await import('node:fs');
    mkdirSync(path.join(fx.dir(), 'quizzes'), { recursive: true });
    cpSync(path.resolve('tests/fixtures/quizzes/gap.yaml'), path.join(fx.dir(), 'quizzes/gap.yaml'));
    const msg = await problems();
    expect(msg).toContain(
      'content/quizzes/gap.yaml: results[1]: quiz "gap": bands "低分" and "重叠" overlap at score 1',
    );
    expect(msg).toContain('content/quizzes/gap.yaml: results: quiz "gap": reachable score 2 is in no result band');
  });
});
