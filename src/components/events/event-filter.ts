/**
 * Instant filtering of the events list. Without JavaScript each filter is a link to a pre-rendered page
 * (/events/for/elders/); with it, a click filters the list in place, marks the chosen link with
 * aria-current, announces the count in the live region, and records the choice in the address as
 * /events/?for=elders (history.pushState, no request). Back and forward restore the earlier choice.
 */
import { fillPlural } from '../../lib/text/fill.ts';
import { filterFromQuery, matchesFilter, type EventFilter, type FilterDimension } from '@hc/domain/calendar/month.ts';

function parse(value: string | undefined): EventFilter | null {
  if (!value) return null;
  const [dim, id] = value.split(':');
  return dim && id ? { dim: dim as FilterDimension, value: id } : null;
}

const words = (s: string | undefined) => (s ? s.split(' ').filter(Boolean) : []);

export function initEventFilter(root: Document = document): void {
  const box = root.querySelector<HTMLElement>('[data-event-filters]');
  const list = root.querySelector<HTMLElement>('[data-filter-list]');
  const status = root.querySelector<HTMLElement>('[data-filter-count]');
  if (!box || !list || !status) return;
  const base = box.dataset.base ?? '/events/';
  const links = [...box.querySelectorAll<HTMLAnchorElement>('a[data-filter]')];

  function countText(n: number): string {
    if (n === 0) return box!.dataset.countNone ?? '';
    return fillPlural(JSON.parse(box!.dataset.countForms ?? '{}'), n, document.documentElement.lang);
  }

  function apply(filter: EventFilter | null): void {
    let count = 0;
    for (const day of list!.querySelectorAll<HTMLElement>('[data-day]')) {
      let visible = 0;
      for (const item of day.querySelectorAll<HTMLElement>('[data-kind]')) {
        const show =
          item.dataset.kind === 'event'
            ? matchesFilter(
                {
                  audiences: words(item.dataset.for),
                  type: item.dataset.type ?? '',
                  topics: words(item.dataset.topic),
                },
                filter,
              )
            : !filter;
        item.hidden = !show;
        if (show) visible++;
        if (show && item.dataset.kind === 'event') count++;
      }
      day.hidden = visible === 0 && !('today' in day.dataset);
    }
    const key = filter ? `${filter.dim}:${filter.value}` : '';
    for (const a of links) {
      if (a.dataset.filter === key) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    status!.textContent = countText(count);
  }

  box.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-filter]');
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    const filter = parse(link.dataset.filter);
    apply(filter);
    const url = filter ? `${base}?${filter.dim}=${encodeURIComponent(filter.value)}` : base;
    history.pushState({ eventFilter: link.dataset.filter }, '', url);
  });

  window.addEventListener('popstate', (event) => {
    const state = event.state as { eventFilter?: string } | null;
    apply(state && 'eventFilter' in state ? parse(state.eventFilter) : (filterFromQuery(location.search) ?? initial));
  });

  // A filter page's own choice, or ?for=elders on /events/.
  const current = links.find((a) => a.getAttribute('aria-current') === 'page');
  const initial = parse(current?.dataset.filter);
  const fromQuery = filterFromQuery(location.search);
  if (fromQuery && links.some((a) => a.dataset.filter === `${fromQuery.dim}:${fromQuery.value}`)) {
    apply(fromQuery);
    box.setAttribute('open', '');
  }
}
