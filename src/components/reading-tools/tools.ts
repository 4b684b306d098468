/**
 * All an article page loads for its reading tools (issue 29: every reading page in one first flight, ≤ 14 KB).
 * Each tool's own code — the dialect player (audio-player.ts), read-aloud (read-aloud.ts), pinyin
 * (pinyin-toggle.ts) — is imported the first time a reader reaches for that tool: on pointer down, hover, focus
 * or a key on it, so it has usually arrived by the time the tap lands. A tap that lands before it has is held
 * and replayed once it has (a fraction of a second at worst), so the first tap always works; the pinyin switch
 * toggles at once like any checkbox and its code applies the reader's choice when it arrives. What must happen
 * within the tap itself happens here: the player's play and the 听录音 button's "open and play" start the
 * recording in the reader's own gesture (phones allow sound only then), and the read-aloud control is shown only
 * when the phone has a voice for the page's language, as before.
 */
import { pickVoice } from './voice.ts';

/**
 * Runs `load` the first time a reader reaches for something inside `root`; clicks before it has finished are
 * held and replayed after it (unless `early` handled them and returned true). Once loaded, events pass.
 */
function onFirstUse(root: Element, load: () => Promise<unknown>, early?: (target: Element) => boolean): void {
  let loading: Promise<unknown> | undefined;
  let ready = false;
  let replaying = false;
  const start = () =>
    (loading ??= load().then(
      () => {
        ready = true;
      },
      () => {
        loading = undefined; // offline and never fetched: try again on the next tap
      },
    ));
  for (const type of ['pointerdown', 'mouseover', 'focusin', 'keydown'])
    root.addEventListener(type, () => void start(), { passive: true });
  root.addEventListener(
    'click',
    (e) => {
      if (ready || replaying || !(e.target instanceof Element)) return;
      const target = e.target.closest<HTMLElement>('button, input, label, a');
      if (!target || target.tagName === 'A') return; // links work without the tool's code
      e.preventDefault();
      e.stopImmediatePropagation();
      if (early?.(target)) {
        void start();
        return;
      }
      void start().then(() => {
        replaying = true;
        target.click();
        replaying = false;
      });
    },
    { capture: true },
  );
}

// The dialect player: its markup is the enhanced player from the start (its controls show, the plain <audio>
// fallback hides), run by audio-player.ts once a reader reaches for it or for the 听录音 button that opens it.
for (const root of document.querySelectorAll<HTMLElement>('[data-audio-player]')) {
  root.classList.add('is-enhanced');
  const audio = root.querySelector<HTMLAudioElement>('[data-ap-audio]');
  const opener = document.querySelector<HTMLElement>(`[aria-controls="${root.id}"]`);
  let run = false;
  const load = () =>
    import('./audio-player.ts').then(({ initAudioPlayer }) => {
      if (!run) initAudioPlayer(root);
      run = true;
    });
  const play = () => {
    if (audio?.paused) void audio.play().catch(() => {});
  };
  // Play in the tap itself; the player's code takes over when it has loaded (it reads the element's state).
  onFirstUse(root, load, (target) => {
    if (!target.hasAttribute('data-ap-play') || !audio?.paused) return false;
    play();
    return true;
  });
  if (opener) {
    for (const type of ['pointerdown', 'mouseover', 'focusin', 'keydown'])
      opener.addEventListener(type, () => void load().catch(() => {}), { passive: true, once: true });
    // Before the player's code has loaded, opening the player starts the recording here and closing it pauses it
    // (this runs before the page-wide disclosure handler flips aria-expanded, like the player's own listener).
    opener.addEventListener('click', () => {
      if (run) return;
      if (opener.ariaExpanded !== 'true') play();
      else audio?.pause();
    });
  }
}

// Read aloud: offered only when the phone has a voice for the page's language; its code loads on first use.
for (const root of document.querySelectorAll<HTMLElement>('[data-read-aloud]')) {
  const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') continue;
  const findVoice = () => (root.hidden = !pickVoice(synth.getVoices(), root.dataset.speechLang ?? 'zh-CN'));
  findVoice();
  synth.addEventListener?.('voiceschanged', findVoice);
  onFirstUse(root, () =>
    import('./read-aloud.ts').then(({ initReadAloud }) => {
      synth.removeEventListener?.('voiceschanged', findVoice);
      initReadAloud(root);
    }),
  );
}

// Pinyin: a reader who keeps it on (the pre-paint script marks <html data-pinyin>) gets it at once; others when
// they first change the switch. The box itself toggles at once, as a native checkbox does (nothing is held).
const pinyin = document.querySelector('.pinyin-toggle');
if (pinyin) {
  const code = () => import('./pinyin-toggle.ts');
  let started = false;
  const start = (changed?: HTMLInputElement) => {
    if (started) return;
    started = true;
    code().then(
      ({ initPinyinToggle }) => initPinyinToggle(changed),
      () => {
        started = false; // offline before it was ever fetched: stay plain rather than pretend
        if (changed) changed.checked = false;
      },
    );
  };
  if (document.documentElement.hasAttribute('data-pinyin')) start();
  else {
    for (const type of ['pointerdown', 'mouseover', 'focusin', 'keydown'])
      pinyin.addEventListener(type, () => void code().catch(() => {}), { passive: true, once: true });
    pinyin.addEventListener('change', (e) => start(e.target as HTMLInputElement));
  }
}
