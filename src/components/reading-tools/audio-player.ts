/**
 * The dialect audio player: choose a track, play / pause, skip 10 s, seek, and 0.75× / 1× / 1.25× speed.
 * The chosen speed is kept across tracks. Plain <audio controls> are the fallback without JavaScript.
 * Loaded on first use by tools.ts, which may already have started the recording in the reader's tap: the state
 * is read from the <audio> element, never assumed.
 */
import { fill } from '../../lib/text/fill.ts';
import { formatDuration } from '../../lib/dialects.ts';

export function initAudioPlayer(root: HTMLElement): void {
  const audio = root.querySelector<HTMLAudioElement>('[data-ap-audio]')!;
  const play = root.querySelector<HTMLButtonElement>('[data-ap-play]')!;
  const playLabel = root.querySelector<HTMLElement>('[data-ap-play-label]')!;
  const seek = root.querySelector<HTMLInputElement>('[data-ap-seek]')!;
  const time = root.querySelector<HTMLElement>('[data-ap-time]')!;
  const tracks = [...root.querySelectorAll<HTMLButtonElement>('[data-ap-track]')];
  const rates = [...root.querySelectorAll<HTMLButtonElement>('[data-ap-rate]')];
  let rate = 1;
  let duration = Number(tracks[0]?.dataset.duration ?? 0);

  root.classList.add('is-enhanced');

  function render(): void {
    const current = audio.currentTime || 0;
    const total = Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration;
    seek.max = String(Math.ceil(total));
    seek.value = String(Math.floor(current));
    const text = fill(time.dataset.template, { current: formatDuration(current), total: formatDuration(total) });
    time.textContent = text;
    seek.setAttribute('aria-valuetext', text);
    const playing = !audio.paused && !audio.ended;
    play.classList.toggle('is-playing', playing);
    playLabel.textContent = (playing ? play.dataset.labelPause : play.dataset.labelPlay) ?? '';
  }

  function setRate(value: number): void {
    rate = value;
    audio.playbackRate = value;
    audio.defaultPlaybackRate = value;
    for (const b of rates) b.setAttribute('aria-pressed', String(Number(b.dataset.apRate) === value));
  }

  play.addEventListener('click', () => {
    if (audio.paused || audio.ended) {
      audio.playbackRate = rate;
      void audio.play().catch(() => render());
    } else {
      audio.pause();
    }
  });
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-ap-skip]')) {
    b.addEventListener('click', () => {
      const total = Number.isFinite(audio.duration) ? audio.duration : duration;
      audio.currentTime = Math.min(Math.max(0, audio.currentTime + Number(b.dataset.apSkip)), total);
      render();
    });
  }
  seek.addEventListener('input', () => {
    audio.currentTime = Number(seek.value);
    render();
  });
  for (const b of rates) b.addEventListener('click', () => setRate(Number(b.dataset.apRate)));
  for (const b of tracks) {
    b.addEventListener('click', () => {
      if (b.getAttribute('aria-pressed') === 'true') return;
      const wasPlaying = !audio.paused;
      for (const other of tracks) other.setAttribute('aria-pressed', String(other === b));
      audio.src = b.dataset.src ?? '';
      duration = Number(b.dataset.duration ?? 0);
      audio.playbackRate = rate;
      if (wasPlaying) void audio.play().catch(() => render());
      render();
    });
  }
  // Browsers reset playbackRate when a new source loads; keep the listener's choice.
  audio.addEventListener('loadedmetadata', () => {
    audio.playbackRate = rate;
    render();
  });
  // The reading-tools button that opens this player (ReadingTools.astro) also starts it, so listening is one
  // tap from the top of the article; closing the player pauses it.
  // (This runs before the page-wide disclosure handler flips aria-expanded.)
  const open = document.querySelector(`[aria-controls=${root.id}]`);
  open?.addEventListener('click', () => (open.ariaExpanded !== 'true') === audio.paused && play.click());
  for (const type of ['play', 'pause', 'ended', 'timeupdate', 'durationchange']) audio.addEventListener(type, render);
  // A position chosen on the slider while this code was loading.
  if (Number(seek.value) > 0 && Math.abs(Number(seek.value) - audio.currentTime) >= 1)
    audio.currentTime = Number(seek.value);
  render();
}
