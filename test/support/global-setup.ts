import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ROOT_DIR } from '../../src/config/env.ts';
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from '../../src/platform/db/embedded.ts';
import { prepareDatabase } from '../../src/app.ts';
import { withDatabase } from './urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * Runs once per test run: a real PostgreSQL (DATABASE_URL's server, or an embedded one started
 * here) with a template database holding every migration and the shipped seed data. Each test
 * file clones the template (test/support/db.ts), so tests never share rows.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  let server: EmbeddedServer | null = null;
  let adminUrl: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    adminUrl = external;
  } else {
    const dir = path.join(ROOT_DIR, '.data', `test-pg-${process.pid}`);
    server = await startEmbeddedPostgres({ dir, port: await findFreePort(), persistent: false });
    adminUrl = server.adminUrl;
  }
  const templateDatabase = `opendvc_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${templateDatabase}`);
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  await prepareDatabase(templateUrl, { seed: true, quiet: true });
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  console.log(`test database ready in ${Date.now() - started} ms (${external ? 'DATABASE_URL server' : 'embedded server'})`);

  return async () => {
    if (server) {
      await server.stop();
      fs.rmSync(`${path.join(ROOT_DIR, '.data', `test-pg-${process.pid}`)}.credentials.json`, { force: true });
      return;
    }
    const client = new pg.Client(adminUrl);
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2",
      [`opendvc_tpl_${process.pid}_%`, `opendvc_t_${process.pid}_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await client.end();
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
