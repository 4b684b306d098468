/**
 * "Show pinyin" on article pages. Each annotatable element ([data-py]) is followed by a <template> holding the
 * same content with pinyin ruby, made at build time; switching swaps the two. The choice is kept on the device
 * (the head script sets <html data-pinyin> from it), so later articles open with pinyin already on.
 */
import { PREF_KEYS, parseFlag } from '../lib/display/prefs.ts';

const plain = new WeakMap<Element, DocumentFragment>();

export function showPinyin(on: boolean, root: ParentNode = document): void {
  for (const el of root.querySelectorAll('[data-py]')) {
    const tpl = el.nextElementSibling;
    if (!(tpl instanceof HTMLTemplateElement) || !tpl.hasAttribute('data-py-html')) continue;
    const annotated = el.hasAttribute('data-py-on');
    if (on && !annotated) {
      const original = document.createDocumentFragment();
      original.append(...el.childNodes);
      plain.set(el, original);
      el.replaceChildren(tpl.content.cloneNode(true));
      el.setAttribute('data-py-on', '');
    } else if (!on && annotated) {
      const original = plain.get(el);
      if (original) el.replaceChildren(original);
      el.removeAttribute('data-py-on');
    }
  }
  if (on) document.documentElement.setAttribute('data-pinyin', '');
  else document.documentElement.removeAttribute('data-pinyin');
}

export function initPinyinToggle(): void {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-pinyin-toggle]')];
  if (boxes.length === 0) return;
  let on = false;
  try {
    on = parseFlag(localStorage.getItem(PREF_KEYS.pinyin));
  } catch {
    /* no storage: start with pinyin off */
  }
  showPinyin(on);
  for (const box of boxes) {
    box.checked = on;
    box.addEventListener('change', () => {
      showPinyin(box.checked);
      for (const other of boxes) other.checked = box.checked;
      try {
        if (box.checked) localStorage.setItem(PREF_KEYS.pinyin, '1');
        else localStorage.removeItem(PREF_KEYS.pinyin);
      } catch {
        /* the choice lasts for this page */
      }
    });
  }
}
