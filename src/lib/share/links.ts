/** Share links and QR codes for event pages: canonical URLs, webcal: subscription links, QR SVG at build time. */
import QRCode from 'qrcode';

/** Absolute URL of a path on the site. */
export function absoluteUrl(origin: string | URL, path: string): string {
  return new URL(path, origin).href;
}

/** A subscription link phones open in their calendar app (webcal: is https: fetched by the calendar). */
export function webcalUrl(httpsUrl: string): string {
  return httpsUrl.replace(/^https?:/, 'webcal:');
}

/**
 * An inline SVG QR code of a URL (error correction M, quiet zone 4 modules as the standard asks), dark on
 * white whatever the page colours, because scanners need dark modules on a light ground.
 */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
  // Decorative in the page: the text alternative sits next to it; the SVG itself is hidden from assistive tech.
  return svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}
