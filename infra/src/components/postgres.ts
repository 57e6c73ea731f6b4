import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { execFileAsync } from '../processes.js';
import type { Installation, ServerDefinition } from '../server-definition.js';
import { ensureDebianPackages } from '../system-packages.js';

export interface PostgresEndpoint {
  /** Superuser URL of the cluster's `postgres` database; services create their own databases. */
  url: string;
}

type PostgresPorts = { port: number };

const debianBinRoot = '/usr/lib/postgresql';

function findBinDir(): string | undefined {
  if (process.env.LADDER_POSTGRES_BIN_DIR) return process.env.LADDER_POSTGRES_BIN_DIR;
  if (!existsSync(debianBinRoot)) return undefined;
  const newest = readdirSync(debianBinRoot)
    .filter((v) => existsSync(join(debianBinRoot, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(debianBinRoot, newest, 'bin');
}

/** PostgreSQL refuses to run as root; as root we run the cluster as Debian's `postgres` user. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await execFileAsync('id', ['-u', 'postgres']);
  const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
  return { uid: Number(uid), gid: Number(gid) };
}

export const postgres: ServerDefinition<PostgresPorts, PostgresEndpoint> = {
  name: 'postgres',
  defaultPorts: { port: Number(process.env.LADDER_POSTGRES_PORT ?? 55432) },
  startTimeoutMs: 60_000,

  async install(): Promise<Installation> {
    let binDir = findBinDir();
    if (binDir === undefined) {
      await ensureDebianPackages(['postgresql'], 'PostgreSQL is not installed');
      binDir = findBinDir();
    }
    if (binDir === undefined) throw new Error('PostgreSQL server binaries not found after install');
    const { stdout } = await execFileAsync(join(binDir, 'postgres'), ['--version']);
    const version = /(\d+(\.\d+)?)/.exec(stdout)?.[1] ?? stdout.trim();
    return { version, paths: { binDir } };
  },

  async prepare(installation, dir, ports, durability) {
    const binDir = installation.paths.binDir!;
    const user = await serverUser();
    const dataDir = join(dir, 'data');
    const owned = (path: string): void => {
      mkdirSync(path, { recursive: true, mode: 0o700 });
      if (user) chownSync(path, user.uid, user.gid);
    };
    owned(dir);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      owned(dataDir);
      // Trust on 127.0.0.1 only: this is a developer and test cluster, never exposed.
      await execFileAsync(
        join(binDir, 'initdb'),
        ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'],
        { ...(user ?? {}), cwd: dir },
      );
    }
    return {
      command: join(binDir, 'postgres'),
      args: [
        '-D',
        dataDir,
        '-p',
        String(ports.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
        ...(durability === 'throwaway' ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
        // For benchmarks: per-statement counts and times (see bench/README.md).
        ...(process.env.LADDER_PG_STAT_STATEMENTS === '1'
          ? [
              '-c',
              'shared_preload_libraries=pg_stat_statements',
              '-c',
              'pg_stat_statements.track=all',
            ]
          : []),
      ],
      logFile: join(dir, 'server.log'),
      cwd: dir,
      ...(user ?? {}),
    };
  },

  endpoint: (ports) => ({ url: `postgres://postgres@127.0.0.1:${ports.port}/postgres` }),

  async healthy(endpoint) {
    const client = new pg.Client({
      connectionString: endpoint.url,
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
