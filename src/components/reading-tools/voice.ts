/**
 * Chooses a speech-synthesis voice for a page language. Browsers name languages differently (zh-CN, zh_CN,
 * cmn-Hans-CN; zh-HK, yue-HK, yue-Hant-HK), so each wanted language lists what counts as a match. Returns
 * undefined when no suitable voice exists — the read-aloud control then stays hidden.
 */
export interface VoiceLike {
  lang: string;
  name: string;
  localService?: boolean;
  default?: boolean;
}

const ACCEPT: Record<string, RegExp[]> = {
  'zh-CN': [/^zh[-_]cn\b/i, /^zh[-_]hans\b/i, /^cmn(\b|[-_])/i, /^zh$/i],
  'zh-HK': [/^zh[-_]hk\b/i, /^yue(\b|[-_])/i, /^zh[-_]yue\b/i],
  'zh-TW': [/^zh[-_]tw\b/i, /^zh[-_]hant\b/i],
  'en-GB': [/^en[-_]gb\b/i, /^en(\b|[-_])/i],
};

export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: string): V | undefined {
  const patterns = ACCEPT[lang] ?? [new RegExp(`^${lang.replace(/[-_]/g, '[-_]')}\\b`, 'i')];
  for (const pattern of patterns) {
    const matching = voices.filter((v) => pattern.test(v.lang.trim()));
    if (matching.length === 0) continue;
    // A voice on the phone itself works offline; prefer it, then the browser's default.
    return matching.find((v) => v.localService) ?? matching.find((v) => v.default) ?? matching[0];
  }
  return undefined;
}

/** Text to speak for a block: its text without pinyin annotations (<rt>, <rp>) and with spaces collapsed. */
export function speakableText(node: Element): string {
  const copy = node.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll('rt, rp')) el.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
