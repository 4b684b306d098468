/**
 * What the share button does, separated from the DOM so it can be unit-tested: the Web Share API when the
 * phone has it, otherwise copy the link to the clipboard, otherwise ask the person to copy it by hand.
 */
export interface ShareData {
  title: string;
  text?: string;
  url: string;
}

export interface ShareEnv {
  share?: (data: ShareData) => Promise<void>;
  writeText?: (text: string) => Promise<void>;
}

/** shared: the share sheet opened; copied: the link is on the clipboard; cancelled: the person closed the sheet; manual: copy by hand. */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'manual';

export async function shareOrCopy(data: ShareData, env: ShareEnv): Promise<ShareOutcome> {
  if (env.share) {
    try {
      await env.share(data);
      return 'shared';
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') return 'cancelled';
      // Other failures (not allowed here, e.g. inside some in-app browsers): fall through to copying.
    }
  }
  if (env.writeText) {
    try {
      await env.writeText(data.url);
      return 'copied';
    } catch {
      /* clipboard refused */
    }
  }
  return 'manual';
}
