/**
 * /staff/enrol/#<token>: an admin's one-time link (docs/points.md "Staff"). The token is taken from the fragment at
 * once and kept only in this tab (sessionStorage) so it leaves the address bar and the history; the service
 * checks it and sets the staff session cookie; then the volunteer's page opens.
 */
import { localDate } from '@hc/domain/time.ts';
import { api, ApiProblem, idempotencyKey } from '../../../lib/points/client.ts';
import { API_LANG, S } from './strings.ts';

const TOKEN_KEY = 'hc:staff:enrol-token';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** A name the volunteer can recognise in the device list later: the kind of device and the day. */
export function defaultDeviceName(userAgent: string, now: Date): string {
  const kind = /iPad/.test(userAgent)
    ? S.deviceIpad
    : /iPhone/.test(userAgent)
      ? S.deviceIphone
      : /Android/.test(userAgent)
        ? S.deviceAndroid
        : /Windows|Macintosh|X11|CrOS/.test(userAgent)
          ? S.deviceComputer
          : S.deviceOther;
  const [, m, d] = localDate(now).split('-').map(Number);
  return S.enrolDeviceName(kind, m!, d!);
}

function readToken(): string | undefined {
  const fromUrl = decodeURIComponent(location.hash.slice(1)).trim();
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      /* private mode: the token stays in memory only */
    }
    history.replaceState(null, '', location.pathname + location.search);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function initEnrol(): void {
  const form = document.querySelector<HTMLFormElement>('[data-enrol]');
  const status = document.querySelector<HTMLElement>('[data-enrol-status]');
  const again = document.querySelector<HTMLElement>('[data-enrol-again]');
  if (!form || !status) return;
  const input = form.querySelector<HTMLInputElement>('input[name="device"]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const say = (text: string, alert = false) => {
    status.textContent = text;
    status.classList.toggle('staff-alert', alert);
  };
  const token = readToken();
  if (!token || !TOKEN.test(token)) {
    say(S.enrolNoToken, true);
    if (again) again.hidden = false;
    return;
  }
  input.value = defaultDeviceName(navigator.userAgent, new Date());
  form.hidden = false;
  // One key per link on this page: a retry after a lost answer is the same enrolment, not a second one.
  const key = idempotencyKey('enrol');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const device = input.value.trim().slice(0, 60) || defaultDeviceName(navigator.userAgent, new Date());
    button.disabled = true;
    say(S.enrolBusy);
    api('/staff/enrol', { body: { token, device }, key, lang: API_LANG, offlineTitle: S.enrolOffline })
      .then(() => {
        sessionStorage.removeItem(TOKEN_KEY);
        say(S.enrolDone);
        location.replace('/staff/');
      })
      .catch((e: unknown) => {
        button.disabled = false;
        if (!(e instanceof ApiProblem)) throw e;
        if (e.code === 'enrolment-invalid') {
          sessionStorage.removeItem(TOKEN_KEY);
          form.hidden = true;
          if (again) again.hidden = false;
          say(S.enrolUsed, true);
        } else say(e.offline ? S.enrolOffline : e.title, true);
      });
  });
}
