/**
 * The share button on event pages. Shown only when JavaScript runs (the link and QR code work without it):
 * opens the phone's share sheet, or copies the link and says so in a live region.
 */
import { shareOrCopy, type ShareEnv } from '../../lib/share/share-action.ts';

export function initShare(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-share]')) {
    const button = box.querySelector<HTMLButtonElement>('[data-share-button]');
    const status = box.querySelector<HTMLElement>('[data-share-status]');
    const link = box.querySelector<HTMLElement>('[data-share-url]');
    if (!button || !status) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const env: ShareEnv = {};
      if (typeof navigator.share === 'function') env.share = (d) => navigator.share(d);
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function')
        env.writeText = (t) => navigator.clipboard.writeText(t);
      const outcome = await shareOrCopy(
        { title: box.dataset.title ?? document.title, text: box.dataset.text, url: box.dataset.url ?? location.href },
        env,
      );
      status.textContent = '';
      if (outcome === 'cancelled') return;
      // A fresh text node each time, so screen readers announce a repeated message too.
      status.textContent =
        box.dataset[outcome === 'shared' ? 'msgShared' : outcome === 'copied' ? 'msgCopied' : 'msgManual'] ?? '';
      status.hidden = false;
      if (outcome === 'manual' && link) {
        // Select the link's text so a long press or Ctrl+C copies it.
        link.focus();
        getSelection()?.selectAllChildren(link);
      }
    });
  }
}
