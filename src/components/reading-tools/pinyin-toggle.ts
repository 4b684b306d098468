/**
 * "Show pinyin" on article pages. The annotated title, summary and body (pinyin ruby, made at build time) are
 * in /articles/<slug>/pinyin.json, named by the toggle's data-pinyin-src; they are fetched the first time a
 * reader switches pinyin on, and swapped into the [data-py="title|summary|body"] elements. The choice is kept
 * on the device (the head script sets <html data-pinyin> from it), so later articles open with pinyin on.
 */
import { PREF_KEYS, parseFlag } from '../site/prefs.ts';

type Parts = Record<string, string>;

const plain = new WeakMap<Element, DocumentFragment>();
let annotated: Promise<Parts | null> | null = null;

function load(src: string): Promise<Parts | null> {
  annotated ??= fetch(src)
    .then((r) => (r.ok ? (r.json() as Promise<Parts>) : null))
    .catch(() => null);
  return annotated;
}

export function showPinyin(on: boolean, parts: Parts | null, root: ParentNode = document): void {
  for (const el of root.querySelectorAll('[data-py]')) {
    const html = parts?.[el.getAttribute('data-py') ?? ''];
    const isOn = el.hasAttribute('data-py-on');
    if (on && !isOn && html) {
      const original = document.createDocumentFragment();
      original.append(...el.childNodes);
      plain.set(el, original);
      const tpl = document.createElement('template');
      tpl.innerHTML = html; // the site's own build output, sanitised at build time (src/domain/markdown/sanitize.ts)
      el.replaceChildren(tpl.content);
      el.setAttribute('data-py-on', '');
    } else if (!on && isOn) {
      const original = plain.get(el);
      if (original) el.replaceChildren(original);
      el.removeAttribute('data-py-on');
    }
  }
  if (on) document.documentElement.setAttribute('data-pinyin', '');
  else document.documentElement.removeAttribute('data-pinyin');
}

/**
 * Runs the switch. tools.ts loads this on a reader's first change of it (`changed`: the box, already toggled by
 * the browser; its state is the reader's choice) or at once when pinyin was kept on.
 */
export function initPinyinToggle(changed?: HTMLInputElement): void {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-pinyin-toggle]')];
  const src = boxes[0]?.dataset.pinyinSrc;
  if (!src) return;
  const apply = async (on: boolean) => {
    for (const other of boxes) other.checked = on;
    const parts = on ? await load(src) : null;
    if (boxes[0].checked !== on) return; // switched again while the file was loading
    // Offline before the file was ever fetched: stay plain rather than pretend.
    if (on && !parts) for (const other of boxes) other.checked = false;
    showPinyin(on && !!parts, parts);
  };
  const remember = (on: boolean) => {
    try {
      if (on) localStorage.setItem(PREF_KEYS.pinyin, '1');
      else localStorage.removeItem(PREF_KEYS.pinyin);
    } catch {
      /* the choice lasts for this page */
    }
  };
  let on = false;
  try {
    on = parseFlag(localStorage.getItem(PREF_KEYS.pinyin));
  } catch {
    /* no storage: start with pinyin off */
  }
  if (changed) {
    on = changed.checked;
    remember(on);
  }
  void apply(on);
  for (const box of boxes) {
    box.addEventListener('change', () => {
      void apply(box.checked);
      remember(box.checked);
    });
  }
}
