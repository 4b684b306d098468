/**
 * Every staff page asks the service who is signed in (GET /api/v1/staff/me) before it shows anything: not signed
 * in → how to get a link; a role the page is not for → words; the service not reached → words. The page's tools
 * stay hidden until the role fits (the service checks every call again: hiding is only for the person).
 */
import { api, ApiProblem } from '../../lib/points/client.ts';
import { fill, S } from './admin-desk-strings.ts';

export interface StaffMe {
  id: number;
  role: 'volunteer' | 'desk' | 'admin' | 'auditor';
  displayName: string;
  session: number;
}

/** Resolves with the signed-in staff member when their role is one of `roles`, else shows why and resolves undefined. */
export async function checkAccess(root: HTMLElement, roles: readonly StaffMe['role'][]): Promise<StaffMe | undefined> {
  const status = root.querySelector<HTMLElement>('[data-access]')!;
  status.textContent = S.access.checking;
  // A table wider than a phone scrolls in its own region, which keyboard users reach by Tab.
  for (const region of root.querySelectorAll<HTMLElement>('.table-scroll')) region.tabIndex = 0;
  try {
    const me = await api<StaffMe>('/staff/me', { offlineTitle: S.access.offline });
    if (!roles.includes(me.role)) {
      status.textContent = fill(S.access.wrongRole, { role: S.roles[me.role] ?? me.role });
      status.classList.add('alert');
      return undefined;
    }
    status.textContent = fill(S.access.signedInAs, { name: me.displayName, role: S.roles[me.role] ?? me.role });
    status.classList.remove('alert');
    return me;
  } catch (e) {
    const p = e instanceof ApiProblem ? e : undefined;
    status.textContent =
      p?.status === 401 ? S.access.signedOut : p?.offline ? S.access.offline : (p?.title ?? S.access.offline);
    status.classList.add('alert');
    return undefined;
  }
}

/** The words of a refusal: the service's title, then any field messages. */
export function problemText(e: unknown): string {
  if (!(e instanceof ApiProblem)) return e instanceof Error ? e.message : String(e);
  const fields = (e.errors ?? []).map((f) => f.message).filter(Boolean);
  return [e.offline ? S.access.offline : e.title, ...fields].join(' ');
}

/** A small element builder: attributes (class, data-*, aria-*, type…) and children (text or nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Array<Node | string | number | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) node.append(typeof c === 'number' ? String(c) : c);
  return node;
}

/** A template's words with nodes (e.g. a date kept on one line) put in for its {name} placeholders. */
export function fillNodes(text: string, values: Record<string, Node | string | number>): Array<Node | string> {
  return text
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => {
      const v = /^\{(\w+)\}$/.exec(part)?.[1];
      return v !== undefined && v in values ? (typeof values[v] === 'number' ? String(values[v]) : values[v]!) : part;
    });
}

/** A date that does not break at its hyphens. */
export const nowrap = (text: string) => el('span', { class: 'nowrap' }, text);

/** A date-time as people at the centre read it (China time). */
export function formatTime(iso: string, withTime = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).format(d);
}
