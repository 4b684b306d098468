/** Validates content/ without building the site: `npm run validate:content` (or a folder as argument). */
import { loadLocalContent } from '../src/content/loaders/local.ts';
import { loadPointsContent } from '../src/content/loaders/points.ts';
import { pointsCoverageReport } from '../src/content/points-report.ts';
import { buildNow, localDate } from '@hc/domain/time.ts';

const dir = process.argv[2] ?? 'content';
try {
  const set = await loadLocalContent(dir);
  const points = await loadPointsContent(
    dir,
    set.events.map((e) => e.data.slug),
  );
  console.log(
    `content OK: ${set.articles.length} articles, ${set.events.length} events, ${set.families.length} families, ` +
      `${set.quizzes.length} quizzes, ${set.audiences.length} audiences, ${set.topics.length} topics, ${set.healthDays.length} health days` +
      (points
        ? `; points: ${points.rules.length} rules, ${points.rewards.length} rewards, ${points.departments.length} departments`
        : ''),
  );
  const coverage = pointsCoverageReport(points, localDate(buildNow()));
  if (coverage) (coverage.warn ? console.warn : console.log)(coverage.text);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
