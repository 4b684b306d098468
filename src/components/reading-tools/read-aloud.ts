/**
 * Read-aloud with speechSynthesis: one utterance per paragraph (short utterances also avoid engines that stop
 * long ones), the current paragraph highlighted and kept in view, pause / resume / stop.
 */
import { fill } from '../../lib/text/fill.ts';
import { pickVoice, speakableText } from './voice.ts';

const BLOCKS = 'h1, .summary, .prose > p, .prose > h2, .prose > h3, .prose li, .prose > blockquote';

export function initReadAloud(root: HTMLElement): void {
  const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  const lang = root.dataset.speechLang ?? 'zh-CN';
  const scope = document.querySelector<HTMLElement>(root.dataset.target ?? 'main') ?? document.body;
  const btn = (name: string) => root.querySelector<HTMLButtonElement>(`[data-ra-${name}]`)!;
  const [start, pause, resume, stop] = ['start', 'pause', 'resume', 'stop'].map(btn);
  const status = root.querySelector<HTMLElement>('[data-ra-status]')!;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  let voice: SpeechSynthesisVoice | undefined;
  let queue: HTMLElement[] = [];
  let run = 0; // bumps on stop so late events from a cancelled run are ignored

  function findVoice(): void {
    voice = pickVoice(synth!.getVoices(), lang);
    root.hidden = !voice;
  }
  findVoice();
  synth.addEventListener?.('voiceschanged', findVoice);

  function show(state: 'idle' | 'speaking' | 'paused'): void {
    start.hidden = state !== 'idle';
    pause.hidden = state !== 'speaking';
    resume.hidden = state !== 'paused';
    stop.hidden = state === 'idle';
  }

  function mark(el: HTMLElement | undefined): void {
    for (const old of scope.querySelectorAll('.reading')) old.classList.remove('reading');
    if (!el) return;
    el.classList.add('reading');
    el.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  }

  function speak(i: number, current: number): void {
    if (current !== run) return;
    const el = queue[i];
    if (!el) {
      mark(undefined);
      show('idle');
      status.textContent = root.dataset.labelFinished ?? '';
      return;
    }
    const u = new SpeechSynthesisUtterance(speakableText(el));
    u.lang = voice?.lang ?? lang;
    if (voice) u.voice = voice;
    u.rate = 0.9; // a little slower than the engine's default, easier to follow
    u.onstart = () => {
      mark(el);
      status.textContent = fill(root.dataset.labelReading, { n: i + 1, total: queue.length });
    };
    u.onend = () => speak(i + 1, current);
    u.onerror = (e) => {
      if (e.error !== 'interrupted' && e.error !== 'canceled') speak(i + 1, current);
    };
    synth!.speak(u);
  }

  start.addEventListener('click', () => {
    synth.cancel();
    run += 1;
    queue = [...scope.querySelectorAll<HTMLElement>(BLOCKS)].filter((el) => speakableText(el).length > 0);
    show('speaking');
    speak(0, run);
    pause.focus();
  });
  pause.addEventListener('click', () => {
    synth.pause();
    show('paused');
    resume.focus();
  });
  resume.addEventListener('click', () => {
    synth.resume();
    show('speaking');
    pause.focus();
  });
  stop.addEventListener('click', () => {
    run += 1;
    synth.cancel();
    mark(undefined);
    status.textContent = '';
    show('idle');
    start.focus();
  });
  window.addEventListener('pagehide', () => synth.cancel());
}
