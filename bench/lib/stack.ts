import pg from 'pg';
import { startThrowawayStack, type ServerName, type ThrowawayStack } from '@ladder/infra';

/** A throwaway real stack for one benchmark run, on free ports, deleted afterwards. */
export function benchStack(names: ServerName[]): Promise<ThrowawayStack> {
  return startThrowawayStack(names);
}

/** Creates a database on the stack's PostgreSQL and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
