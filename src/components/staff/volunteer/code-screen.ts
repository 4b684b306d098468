/**
 * The changing check-in code, full screen: the occurrence's secret is fetched once (then kept in IndexedDB, so
 * the code keeps changing with no signal), the code for the current 30-second window is computed on the phone
 * (checkinCode, Web Crypto) and drawn as a QR of `${origin}/points/checkin/#${code}` — the URL the resident's
 * camera or WeChat 扫一扫 opens, whose page claims the code with the card kept in that browser. Redrawn each
 * window, with a countdown; the screen is kept awake while it shows (Wake Lock API, where there is one).
 */
import QRCode from 'qrcode';
import { checkinCode, windowOf, WINDOW_SECONDS } from '@hc/domain/points/checkin-code.ts';
import { api, ApiProblem, idempotencyKey } from '../../../lib/points/client.ts';
import { savedSecret, saveSecret, type Occurrence } from './store.ts';
import { API_LANG, S } from './strings.ts';

/** The check-in page's path; the code is the fragment (never sent to a server with the page request). */
export const CHECKIN_PATH = '/points/checkin/';

/** The URL in the QR for a code. Codes are letters, digits and -_:/. — all allowed in a fragment as they are. */
export function checkinUrl(origin: string, code: string): string {
  return `${origin}${CHECKIN_PATH}#${encodeURI(code).replace(/#/g, '%23')}`;
}

function fromBase64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function secretFor(o: Occurrence): Promise<Uint8Array> {
  let secret = await savedSecret(o.id);
  if (!secret) {
    const r = await api<{ secret: string }>(`/occurrences/${encodeURIComponent(o.id)}/code-secret`, {
      method: 'POST',
      key: idempotencyKey('secret'),
      lang: API_LANG,
    });
    secret = r.secret;
    await saveSecret(o.id, secret);
  }
  return fromBase64url(secret);
}

interface WakeLockSentinelLike {
  release(): Promise<void>;
}

export class CodeScreen {
  private timer: ReturnType<typeof setInterval> | undefined;
  private shownWindow = -1;
  private wake: WakeLockSentinelLike | undefined;
  private occurrence: Occurrence | undefined;
  private secret: Uint8Array | undefined;
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.dialog.open) void this.keepAwake();
  };

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly onClose: () => void,
  ) {
    dialog.querySelector('[data-code-close]')?.addEventListener('click', () => this.close());
    dialog.addEventListener('close', () => this.stop());
  }

  private el<T extends HTMLElement>(name: string): T {
    return this.dialog.querySelector<T>(`[data-${name}]`)!;
  }

  async open(o: Occurrence): Promise<void> {
    this.occurrence = o;
    this.secret = undefined;
    this.shownWindow = -1;
    this.el('code-title').textContent = o.title;
    this.el('code-earn').textContent = S.codeEarn(o.points);
    this.el('code-countdown').textContent = '';
    this.el('code-note').textContent = S.codeLoading;
    const canvas = this.el<HTMLCanvasElement>('code-canvas');
    canvas.hidden = true;
    if (!this.dialog.open) {
      // Called from the tap: the browser allows full screen only then. Where it is refused, the dialog still fills
      // the page.
      void document.documentElement.requestFullscreen?.({ navigationUI: 'hide' }).catch(() => undefined);
      this.dialog.showModal();
    }
    document.addEventListener('visibilitychange', this.onVisible);
    void this.keepAwake();
    try {
      this.secret = await secretFor(o);
    } catch (e) {
      this.el('code-note').textContent =
        e instanceof ApiProblem && !e.offline ? `${S.codeFailed}${e.title}` : S.codeNoSecret;
      return;
    }
    if (this.occurrence !== o || !this.dialog.open) return;
    this.el('code-note').textContent = '';
    canvas.hidden = false;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), 250);
  }

  private async tick(): Promise<void> {
    const o = this.occurrence;
    if (!o || !this.secret) return;
    const now = new Date();
    const w = windowOf(now);
    const left = Math.max(1, Math.ceil(WINDOW_SECONDS - ((now.getTime() / 1000) % WINDOW_SECONDS)));
    this.el('code-countdown').textContent = S.codeCountdown(left);
    if (w === this.shownWindow) return;
    this.shownWindow = w;
    const code = await checkinCode(this.secret, o.id, w);
    const canvas = this.el<HTMLCanvasElement>('code-canvas');
    // As large as the screen allows, in whole device pixels per module (sharp edges read best).
    const css = Math.floor(Math.min(window.innerWidth - 24, window.innerHeight * 0.6, 720));
    const ratio = window.devicePixelRatio || 1;
    await QRCode.toCanvas(canvas, checkinUrl(location.origin, code), {
      errorCorrectionLevel: 'M',
      margin: 4,
      width: Math.round(css * ratio),
      color: { dark: '#000000', light: '#ffffff' },
    });
    canvas.style.width = `${css}px`;
    canvas.style.height = `${css}px`;
  }

  private async keepAwake(): Promise<void> {
    const lock = (navigator as { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
    if (!lock || this.wake) return;
    try {
      this.wake = await lock.request('screen');
      (this.wake as unknown as EventTarget).addEventListener?.('release', () => {
        this.wake = undefined;
      });
    } catch {
      /* not allowed now (battery saver, hidden tab): the screen may dim */
    }
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.occurrence = undefined;
    document.removeEventListener('visibilitychange', this.onVisible);
    void this.wake?.release().catch(() => undefined);
    this.wake = undefined;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    this.onClose();
  }
}
