/**
 * The evaluation page's behaviour (Evaluation.astro): after GET /staff/me (admin or auditor), the reports
 * (participation by community, event type, month and age band; departments; community totals for the active
 * cards), each drawn as a data table with a caption and a CSV download at once, then as a chart once
 * Observable Plot has loaded (charts.ts, a separate bundle fetched only here). A suppressed cell (under 5
 * people) is "<5" in the table and hatched in the chart, never 0.
 */
import type { PointsTargets } from '@hc/domain/points/model.ts';
import { api, API_BASE } from '../../../lib/points/client.ts';
import { checkAccess, el, problemText } from '../access.ts';
import { S } from '../admin-desk-strings.ts';
import type { ChartSpec } from './charts.ts';
import { csvBlob, toCsv } from './csv.ts';

interface ParticipationRow {
  key: string;
  participants: number | null;
  earnings: number | null;
  points: number | null;
  suppressed: boolean;
}
interface DepartmentRow {
  department: string;
  earned: number | null;
  redeemed: number | null;
  suppressed: boolean;
}
interface CommunityTotal {
  community: string;
  members: number;
  participants: number | null;
}

type Cell = string | number | null;
interface Table {
  caption: string;
  header: string[];
  rows: Cell[][];
  /** Columns holding numbers (right-aligned). */
  numeric: number[];
}

const show = (v: number | null, suppressed: boolean) => (suppressed && v === null ? S.evaluation.suppressed : v);
const label = (key: string, names?: Record<string, string>) =>
  key === '(unknown)' ? S.evaluation.unknown : key === '(activity)' ? S.evaluation.activity : (names?.[key] ?? key);

function renderTable(section: HTMLElement, t: Table) {
  const box = section.querySelector<HTMLElement>('[data-table]')!;
  if (!t.rows.length) {
    box.replaceChildren(el('p', {}, S.evaluation.empty));
    return;
  }
  box.replaceChildren(
    el(
      'table',
      { class: 'staff-table' },
      el('caption', {}, t.caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...t.header.map((h, i) => el('th', { scope: 'col', class: t.numeric.includes(i) ? 'num' : undefined }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        ...t.rows.map((r) =>
          el(
            'tr',
            {},
            ...r.map((c, i) =>
              i === 0
                ? el('th', { scope: 'row' }, c ?? '')
                : el('td', { class: t.numeric.includes(i) ? 'num' : undefined }, c ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
  if (t.rows.some((r) => r.includes(S.evaluation.suppressed)))
    section.querySelector<HTMLElement>('[data-note]')!.hidden = false;
}

/** A download of the service's own CSV (each export is in the audit log). */
function serviceCsv(section: HTMLElement, by: string) {
  section.querySelector('[data-csv]')!.replaceChildren(
    el(
      'a',
      {
        class: 'button secondary',
        href: `${API_BASE}/reports/participation.csv?by=${by}`,
        download: `participation-${by}.csv`,
      },
      S.evaluation.csv,
    ),
  );
}

/** A download of a table built here (UTF-8 with a BOM, formulas neutralised). */
function browserCsv(section: HTMLElement, t: Table, name: string) {
  const link = el('a', { class: 'button secondary', href: '#', download: `${name}.csv` }, S.evaluation.csv);
  const text = toCsv(t.header, t.rows);
  link.addEventListener('click', () => {
    const url = URL.createObjectURL(csvBlob(text));
    link.href = url;
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  section.querySelector('[data-csv]')!.replaceChildren(link);
}

export function initEvaluation(root: HTMLElement | null = document.querySelector('[data-evaluation]')) {
  if (!root) return;
  const targets = JSON.parse(root.dataset.targets ?? 'null') as PointsTargets | null;
  const status = root.querySelector<HTMLElement>('[data-eval-status]')!;
  const section = (id: string) => root.querySelector<HTMLElement>(`[data-report="${id}"]`)!;

  void checkAccess(root, ['admin', 'auditor']).then(async (who) => {
    if (!who) return;
    root.querySelector<HTMLElement>('[data-tools]')!.hidden = false;
    status.textContent = S.evaluation.loading;
    const specs: Array<[string, ChartSpec]> = [];
    try {
      const part = (by: string) =>
        api<{ rows: ParticipationRow[] }>(`/reports/participation?by=${by}`).then((r) => r.rows);
      const [community, eventType, month, ageBand, typeMonth, depts, totals, catalogue] = await Promise.all([
        part('community'),
        part('eventType'),
        part('month'),
        part('ageBand'),
        part('eventTypeMonth'),
        api<{ rows: DepartmentRow[] }>('/reports/departments').then((r) => r.rows),
        api<{ communities: CommunityTotal[] }>('/community-totals').then((r) => r.communities),
        api<{ departments: Array<{ id: string; name: string | Record<string, string> }> }>('/catalogue').catch(() => ({
          departments: [],
        })),
      ]);

      // Participants per community, with active cards and the plan's targets.
      const goal = targets?.participants ?? {};
      const cards = new Map(totals.map((t) => [t.community, t.members]));
      const keys = [...new Set([...community.map((r) => r.key), ...Object.keys(goal)])];
      const byKey = new Map(community.map((r) => [r.key, r]));
      const cTable: Table = {
        caption: S.evaluation.communityCaption,
        header: [
          S.evaluation.colCommunity,
          S.evaluation.colParticipants,
          S.evaluation.colCards,
          S.evaluation.colTarget,
          S.evaluation.colTargetShare,
        ],
        numeric: [1, 2, 3, 4],
        rows: keys.map((k) => {
          const r = byKey.get(k);
          const p = r ? show(r.participants, r.suppressed) : 0;
          const t = goal[k];
          return [
            label(k),
            p,
            cards.get(k) ?? null,
            t ?? null,
            t && typeof p === 'number' ? `${Math.round((p / t) * 100)}%` : null,
          ];
        }),
      };
      renderTable(section('community'), cTable);
      browserCsv(section('community'), cTable, 'community-targets');
      specs.push([
        'community',
        {
          orientation: 'x',
          suppressedExtent: 5,
          valueLabel: S.evaluation.colParticipants,
          bars: keys.map((k) => ({
            label: label(k),
            value: byKey.get(k)?.participants ?? (byKey.has(k) ? null : 0),
            target: goal[k],
            behind: cards.get(k),
          })),
        },
      ]);

      // Participation by event type, by month and by age band: the service's rows and CSV.
      const participation = (
        id: string,
        rows: ParticipationRow[],
        caption: string,
        col: string,
        names?: Record<string, string>,
      ) => {
        const t: Table = {
          caption,
          header: [col, S.evaluation.colParticipants, S.evaluation.colEarnings, S.evaluation.colPoints],
          numeric: [1, 2, 3],
          rows: rows.map((r) => [
            label(r.key, names),
            show(r.participants, r.suppressed),
            show(r.earnings, r.suppressed),
            show(r.points, r.suppressed),
          ]),
        };
        renderTable(section(id), t);
        serviceCsv(section(id), id);
        specs.push([
          id,
          {
            orientation: id === 'month' ? 'y' : 'x',
            suppressedExtent: 5,
            valueLabel: S.evaluation.colParticipants,
            bars: rows.map((r) => ({ label: label(r.key, names), value: r.participants })),
          },
        ]);
      };
      participation('eventType', eventType, S.evaluation.eventTypeCaption, S.evaluation.colEventType, S.eventTypes);
      participation('month', month, S.evaluation.monthCaption, S.evaluation.colMonth);

      // Event type × month: a month per row, an event type per column, stacked in the chart.
      const cells = typeMonth.map((r) => {
        const [m = r.key, type = ''] = r.key.split('/');
        return { month: m, type: label(type, S.eventTypes), row: r };
      });
      const months = [...new Set(cells.map((c) => c.month))].sort();
      const types = [...new Set(cells.map((c) => c.type))];
      const tmTable: Table = {
        caption: S.evaluation.eventTypeMonthCaption,
        header: [S.evaluation.colMonth, ...types],
        numeric: types.map((_, i) => i + 1),
        rows: months.map((m) => [
          m,
          ...types.map((t) => {
            const c = cells.find((x) => x.month === m && x.type === t);
            return c ? show(c.row.participants, c.row.suppressed) : 0;
          }),
        ]),
      };
      renderTable(section('eventTypeMonth'), tmTable);
      serviceCsv(section('eventTypeMonth'), 'eventTypeMonth');
      specs.push([
        'eventTypeMonth',
        {
          orientation: 'y',
          suppressedExtent: 5,
          valueLabel: S.evaluation.eventTypeMonthAxis,
          series: types,
          stacked: true,
          bars: cells.map((c) => ({ label: c.month, value: c.row.participants, series: c.type })),
        },
      ]);

      // Points earned and redeemed by department (names from the catalogue).
      const deptName = (id: string) => {
        const n = catalogue.departments.find((d) => d.id === id)?.name;
        return !n ? id : typeof n === 'string' ? n : (n['zh-hans'] ?? Object.values(n)[0] ?? id);
      };
      const dTable: Table = {
        caption: S.evaluation.departmentsCaption,
        header: [S.evaluation.colDepartment, S.evaluation.colEarned, S.evaluation.colRedeemed],
        numeric: [1, 2],
        rows: depts.map((d) => [deptName(d.department), show(d.earned, d.suppressed), show(d.redeemed, d.suppressed)]),
      };
      renderTable(section('departments'), dTable);
      browserCsv(section('departments'), dTable, 'departments');
      const maxPoints = Math.max(1, ...depts.flatMap((d) => [d.earned ?? 0, d.redeemed ?? 0]));
      specs.push([
        'departments',
        {
          orientation: 'x',
          suppressedExtent: Math.max(1, Math.round(maxPoints * 0.04)),
          valueLabel: S.evaluation.colPoints,
          series: [S.evaluation.legendEarned, S.evaluation.legendRedeemed],
          bars: depts.flatMap((d) => [
            { label: deptName(d.department), value: d.earned, series: S.evaluation.legendEarned },
            { label: deptName(d.department), value: d.redeemed, series: S.evaluation.legendRedeemed },
          ]),
        },
      ]);

      participation('ageBand', ageBand, S.evaluation.ageBandCaption, S.evaluation.colAgeBand);
    } catch (e) {
      status.textContent = `${S.evaluation.failed}${problemText(e)}`;
      return;
    }
    try {
      const { drawChart } = await import('./charts.ts');
      const draw = () => {
        for (const [id, spec] of specs) {
          const figure = section(id).querySelector<HTMLElement>('[data-chart]')!;
          figure.replaceChildren(drawChart(spec, figure.clientWidth || 320));
        }
      };
      draw();
      status.textContent = '';
      // The reading mode (size, contrast) changes the chart's text size and colours: draw again.
      new MutationObserver(draw).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['data-size', 'data-contrast'],
      });
    } catch (e) {
      status.textContent = `${S.evaluation.failed}${problemText(e)}`;
    }
  });
}
