/**
 * Tokens, hashes and the keys that protect personal data.
 *
 * - Card device tokens, enrolment links and session ids are 32 random bytes (base64url); only their SHA-256 is
 *   stored, so a copy of the database opens no card and no session. An 8-digit transfer code is too short for
 *   that (10^8 values): it is stored as a keyed hash (lookupHash), which a copy without the keys cannot reverse.
 * - A phone number is stored encrypted (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for look-up; both keys
 *   come from the keyring: POINTS_KEYS (JSON, for servers) or <data folder>/keys.json (made at first start,
 *   0600). Each ciphertext names its key, so `npm run points:rotate-keys` can add a key and re-encrypt.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest();

const keySchema = z.strictObject({
  id: z.number().int().positive(),
  enc: z.string().length(44),
  mac: z.string().length(44),
  created: z.string(),
});
const keyringSchema = z.strictObject({ keys: z.array(keySchema).min(1) });
export type KeyringData = z.infer<typeof keyringSchema>;

export class Keyring {
  readonly data: KeyringData;
  constructor(data: KeyringData) {
    this.data = keyringSchema.parse(data);
  }
  get current() {
    return this.data.keys.at(-1)!;
  }
  /** The look-up hash of a phone number (digits only) under the current key. */
  phoneHash(phone: string): Buffer {
    return createHmac('sha256', Buffer.from(this.current.mac, 'base64')).update(phone).digest();
  }
  /** A keyed look-up hash for short secrets a bare SHA-256 would not protect (an 8-digit transfer code). */
  lookupHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', Buffer.from(this.current.mac, 'base64')).update(`${purpose}|${value}`).digest();
  }
  encrypt(plain: string): string {
    const k = this.current;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(k.enc, 'base64'), iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `k${k.id}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
  }
  decrypt(sealed: string): string {
    const m = /^k(\d+):(.+)$/.exec(sealed);
    const k = m && this.data.keys.find((x) => x.id === Number(m[1]));
    if (!m || !k) throw new Error('sealed with an unknown key');
    const raw = Buffer.from(m[2]!, 'base64url');
    const d = createDecipheriv('aes-256-gcm', Buffer.from(k.enc, 'base64'), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
  /** A keyring with one more key (the new current one). */
  rotated(): Keyring {
    return new Keyring({ keys: [...this.data.keys, newKey(this.current.id + 1)] });
  }
}

const newKey = (id: number) => ({
  id,
  enc: randomBytes(32).toString('base64'),
  mac: randomBytes(32).toString('base64'),
  created: new Date().toISOString(),
});

export function keyFile(dataDir: string): string {
  return path.join(dataDir, 'keys.json');
}

/** The keyring from POINTS_KEYS, or the data folder's keys.json (made on first use). */
export function loadKeyring(dataDir: string, env: Record<string, string | undefined> = process.env): Keyring {
  if (env.POINTS_KEYS) return new Keyring(JSON.parse(env.POINTS_KEYS));
  const file = keyFile(dataDir);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify({ keys: [newKey(1)] }, null, 2), { mode: 0o600 });
  return new Keyring(JSON.parse(readFileSync(file, 'utf8')));
}
