/**
 * A port that is free right now on 127.0.0.1, asked of the operating system (listen on port 0, read the port,
 * close). Tests and benchmarks use it so two runs on one machine never collide and never talk to a server
 * they did not start. `node scripts/free-port.mjs` prints one (for configs that must be synchronous).
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await freePort());
}
