/**
 * pwa.js — loaded by the tiny inline script in BaseLayout after the page has loaded (never on the critical
 * path). It announces a waiting new version with an "update" button (skipWaiting only on that click, then one
 * reload), offers installation politely (dismissible, remembered), and runs the "save for offline" boxes and
 * the list on the offline page. Strings come from the page (server-rendered in the page's locale).
 */
import { fill } from '../lib/text/fill.ts';
import { messageSW } from 'workbox-window';
import { INSTALL_DISMISSED_KEY, KEEP_LANDING_PAGE, SKIP_WAITING } from '../lib/offline/names.ts';
import { formatBytes } from '../lib/offline/format.ts';
import {
  pageIsAvailable,
  pageIsSaved,
  readSaved,
  refreshSaved,
  removeSaved,
  savePage,
} from '../components/offline/offline-save.ts';
import type { SavedKind } from '../lib/offline/saved.ts';

/** Identifies this build's precached files (set by src/pwa/index.ts). */
declare const __BUILD_ID__: string;
/** Per locale, keyed by <html lang> in lower case (from the locale registry; '' is the source locale). */
declare const __PWA_STRINGS__: Record<
  string,
  Record<'updateReady' | 'update' | 'installText' | 'install' | 'notNow' | 'intl', string>
>;
const strings = __PWA_STRINGS__[document.documentElement.lang.toLowerCase()] ?? __PWA_STRINGS__['']!;
const intl = strings.intl;

function makeButton(text: string, attr: string, secondary = false): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = secondary ? 'button secondary' : 'button';
  b.setAttribute(attr, '');
  b.textContent = text;
  return b;
}

/** Shows a bar inside the always-present live region (BaseLayout), so it is announced. */
function showBar(name: 'update' | 'install'): HTMLElement | null {
  const region = document.querySelector<HTMLElement>('[data-pwa-bar]');
  if (!region || region.querySelector(`[data-pwa-${name}-bar]`)) return null;
  const bar = document.createElement('div');
  bar.className = 'pwa-note';
  bar.setAttribute(`data-pwa-${name}-bar`, '');
  const p = document.createElement('p');
  p.textContent = name === 'update' ? strings.updateReady : strings.installText;
  bar.append(p);
  if (name === 'update') bar.append(makeButton(strings.update, 'data-pwa-apply'));
  else
    bar.append(
      makeButton(strings.install, 'data-pwa-install-go'),
      makeButton(strings.notNow, 'data-pwa-install-no', true),
    );
  region.append(bar);
  return bar;
}

function announceUpdate(reg: ServiceWorkerRegistration): void {
  if (!reg.waiting || !navigator.serviceWorker.controller) return;
  const bar = showBar('update');
  const button = bar?.querySelector<HTMLButtonElement>('button');
  if (!bar || !button) return;
  document.querySelector('[data-pwa-install-bar]')?.remove();
  button.addEventListener('click', () => {
    button.disabled = true;
    let reloaded = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!reloaded) {
        reloaded = true;
        location.reload();
      }
    });
    if (reg.waiting) void messageSW(reg.waiting, { type: SKIP_WAITING });
  });
}

async function watchUpdates(): Promise<void> {
  const reg = await navigator.serviceWorker.getRegistration();
  if (!reg) return;
  const track = (w: ServiceWorker | null) =>
    w?.addEventListener('statechange', () => {
      if (w.state === 'installed') announceUpdate(reg);
    });
  announceUpdate(reg);
  track(reg.installing);
  reg.addEventListener('updatefound', () => track(reg.installing));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void reg.update().catch(() => {});
  });
}

/**
 * The first page a reader opens loads before the service worker runs: once the worker takes control, ask it to
 * keep this page and its CSS/JS, so the page first landed on (an article from a chat link, a self-check) reads
 * offline too.
 */
function keepLandingPage(): void {
  const sw = navigator.serviceWorker;
  if (!sw || sw.controller) return;
  sw.addEventListener(
    'controllerchange',
    () => {
      const assets = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name, location.href))
        .filter((u) => u.origin === location.origin && /\.(js|css)$/.test(u.pathname))
        .map((u) => u.pathname);
      sw.controller?.postMessage({ type: KEEP_LANDING_PAGE, page: location.pathname, assets });
    },
    { once: true },
  );
}

type InstallEvent = Event & { prompt: () => Promise<void>; userChoice: Promise<unknown> };
function offerInstall(): void {
  const e = (window as unknown as { __hcInstall?: InstallEvent }).__hcInstall;
  if (!e || localStorage.getItem(INSTALL_DISMISSED_KEY) || document.querySelector('[data-pwa-update-bar]')) return;
  const bar = showBar('install');
  if (!bar) return;
  bar.querySelector('[data-pwa-install-go]')?.addEventListener('click', async () => {
    bar.remove();
    await e.prompt();
    await e.userChoice;
  });
  bar.querySelector('[data-pwa-install-no]')?.addEventListener('click', () => {
    localStorage.setItem(INSTALL_DISMISSED_KEY, new Date().toISOString());
    bar.remove();
  });
}

function initSaveBoxes(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[data-save-offline]')) {
    const go = box.querySelector<HTMLButtonElement>('[data-save-go]');
    const remove = box.querySelector<HTMLButtonElement>('[data-save-remove]');
    const status = box.querySelector<HTMLElement>('[data-save-status]');
    const progress = box.querySelector<HTMLProgressElement>('[data-save-progress]');
    const audio = box.querySelector<HTMLInputElement>('[data-save-audio]');
    if (!go || !remove || !status || !progress) continue;
    const url = location.pathname;
    const show = (saved: boolean) => {
      go.hidden = saved;
      remove.hidden = !saved;
      if (audio) audio.closest('label')!.hidden = saved;
    };
    box.hidden = false;
    show(pageIsSaved(url));
    if (pageIsAvailable(url)) status.textContent = box.dataset.msgSaved ?? '';
    go.addEventListener('click', async () => {
      go.disabled = true;
      progress.hidden = false;
      try {
        const item = await savePage(url, {
          kind: (box.dataset.saveOffline ?? 'page') as SavedKind,
          title: box.dataset.title ?? document.title,
          audio: audio?.checked ?? false,
          build: __BUILD_ID__,
          onProgress: ({ done, total }) => {
            progress.max = total;
            progress.value = done;
            if (total > 1) status.textContent = fill(box.dataset.msgProgress, { done, total });
          },
        });
        status.textContent = fill(box.dataset.msgDone, { size: formatBytes(item.bytes, intl) });
        show(true);
        remove.focus();
      } catch {
        status.textContent = box.dataset.msgFailed ?? '';
      } finally {
        go.disabled = false;
        progress.hidden = true;
      }
    });
    remove.addEventListener('click', async () => {
      await removeSaved(url);
      status.textContent = box.dataset.msgRemoved ?? '';
      show(false);
      go.focus();
    });
  }
}

function renderOfflineList(): void {
  const root = document.querySelector<HTMLElement>('[data-offline-saved]');
  const list = root?.querySelector<HTMLUListElement>('ul');
  const empty = root?.querySelector<HTMLElement>('[data-offline-empty]');
  const status = root?.querySelector<HTMLElement>('[data-offline-status]');
  const tpl = document.querySelector<HTMLTemplateElement>('template[data-offline-item]');
  if (!root || !list || !empty || !tpl) return;
  const items = readSaved();
  list.replaceChildren();
  for (const item of items) {
    const li = tpl.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
    const a = li.querySelector('a')!;
    a.href = item.url;
    a.textContent = item.title;
    const count = item.parts.filter((p) => /\/articles\/[^/]+\/$/.test(p)).length;
    li.querySelector('[data-offline-meta]')!.textContent = fill(
      root.dataset[item.kind === 'hub' ? 'msgHubMeta' : 'msgMeta'],
      { size: formatBytes(item.bytes, intl), count },
    );
    const button = li.querySelector('button')!;
    button.setAttribute('aria-label', fill(root.dataset.msgRemoveLabel, { title: item.title }));
    button.addEventListener('click', async () => {
      await removeSaved(item.url);
      if (status) status.textContent = fill(root.dataset.msgRemoved, { title: item.title });
      renderOfflineList();
      (root.querySelector<HTMLElement>('ul button') ?? root.querySelector<HTMLElement>('h2'))?.focus();
    });
    list.append(li);
  }
  list.hidden = items.length === 0;
  empty.hidden = items.length > 0;
}

if ('caches' in window) {
  initSaveBoxes();
  renderOfflineList();
  // Only under this build's service worker, so refreshed copies come with this build's files.
  if (navigator.serviceWorker?.controller)
    void refreshSaved(__BUILD_ID__).then((n) => {
      if (n > 0) renderOfflineList();
    });
}
keepLandingPage();
void watchUpdates();
offerInstall();
window.addEventListener('hc:install', offerInstall);
