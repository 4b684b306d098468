/**
 * Reads QR codes back from a screenshot in Node with zxing-wasm (the library the site's barcode-detector polyfill
 * uses), its WASM loaded from node_modules: a test proves a rendered or printed code scans, not just that an SVG
 * exists.
 */
import { readFileSync } from 'node:fs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;
function prepare() {
  if (ready) return ready;
  // dist/es/reader/index.js → dist/reader/zxing_reader.wasm
  const bytes = readFileSync(new URL('../../reader/zxing_reader.wasm', import.meta.resolve('zxing-wasm/reader')));
  ready = prepareZXingModule({
    overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    fireImmediately: true,
  });
  return ready;
}

/** The texts of the QR codes in a PNG. */
export async function decodeQr(png: Buffer): Promise<string[]> {
  await prepare();
  const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'] });
  return found.filter((b) => b.isValid).map((b) => b.text);
}
