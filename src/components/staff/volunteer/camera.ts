/**
 * The camera as a card reader: the browser's own BarcodeDetector where it reads QR codes (Chrome on Android),
 * otherwise the `barcode-detector` polyfill on ZXing's WebAssembly reader. The .wasm file is the site's own
 * build asset (imported with ?url, so it lands in /_astro/ with a content hash); zxing's locateFile points at it,
 * so nothing is fetched from a CDN (docs/staff.md). The polyfill is loaded only when needed.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

interface Detected {
  rawValue: string;
}
interface Detector {
  detect(source: HTMLVideoElement): Promise<Detected[]>;
}
interface DetectorClass {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

/** A QR reader: the browser's, or the polyfill with the site's WASM. */
export async function qrDetector(): Promise<Detector> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      if ((await Native.getSupportedFormats()).includes('qr_code')) return new Native({ formats: ['qr_code'] });
    } catch {
      /* fall back to the polyfill */
    }
  }
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  // Instantiated now, so a reader that cannot load says so before the camera is trusted to scan.
  await prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) =>
        file.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + file,
    },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ['qr_code'] });
}

export interface CameraScan {
  stop(): void;
}

/** The reader could not be made (no BarcodeDetector and the WebAssembly reader did not load). */
export class NoReader extends Error {}

/**
 * Starts the back camera in `video` and calls onText with each QR text it reads (a few times a second; the
 * caller drops repeats). Rejects with NoReader if nothing can read QR codes here, or with the browser's error if
 * the camera cannot be used.
 */
export async function startCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraScan> {
  let detector: Detector;
  try {
    detector = await qrDetector();
  } catch (e) {
    throw new NoReader(String(e));
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    await video.play();
    const tick = async () => {
      if (stopped) return;
      if (video.readyState >= 2 && !document.hidden) {
        try {
          for (const code of await detector.detect(video)) if (code.rawValue) onText(code.rawValue);
        } catch {
          /* a frame that could not be read */
        }
      }
      if (!stopped) setTimeout(() => void tick(), 150);
    };
    void tick();
  } catch (e) {
    stop();
    throw e;
  }
  return { stop };
}
