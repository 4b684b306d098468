/**
 * What a scan feels like without looking: a short buzz and a beep for a card recorded (or saved to upload), a
 * double buzz and a low tone for a refusal. Either may be missing (iPhone has no navigator.vibrate; audio needs
 * a tap on the page first), and the screen says it anyway.
 */
let audio: AudioContext | undefined;

/** Called from a tap (the first user gesture lets the page play sound later). */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = undefined;
  }
}

function tone(freq: number, start: number, ms: number): void {
  if (!audio || audio.state !== 'running') return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = freq;
  gain.gain.value = 0.15;
  osc.connect(gain).connect(audio.destination);
  const t = audio.currentTime + start;
  osc.start(t);
  osc.stop(t + ms / 1000);
}

export function feedback(kind: 'ok' | 'saved' | 'refused'): void {
  try {
    navigator.vibrate?.(kind === 'refused' ? [80, 80, 80] : 60);
  } catch {
    /* not allowed here */
  }
  if (kind === 'refused') {
    tone(330, 0, 120);
    tone(220, 0.16, 180);
  } else tone(kind === 'ok' ? 1320 : 880, 0, 110);
}
