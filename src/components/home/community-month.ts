/**
 * The home page's 本月居民参加健康活动 N 人次: the public aggregate from the points service (cells under five
 * people come back empty and stay hidden). The line appears only when the service answers within a few seconds;
 * unreachable, slow or suppressed, it stays absent. The service lets the browser cache the answer for 5 minutes.
 */
export function initCommunityMonth(): void {
  const el = document.querySelector<HTMLElement>('[data-community-month]');
  if (!el) return;
  fetch('/api/v1/community-totals', { signal: AbortSignal.timeout(4000) })
    .then((r) => (r.ok ? r.json() : undefined))
    .then((body: { month?: { participations?: number | null } } | undefined) => {
      const n = body?.month?.participations;
      if (typeof n !== 'number' || n <= 0) return;
      const text = el.querySelector('[data-text]')!;
      text.textContent = (el.dataset.template ?? '').replace(
        '{{count}}',
        new Intl.NumberFormat(document.documentElement.lang).format(n),
      );
      el.hidden = false;
    })
    .catch(() => undefined);
}
