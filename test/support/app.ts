import pino from 'pino';
import { createWebApp, type WebApp } from '../../src/app.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  readonly app: WebApp;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The whole web app, in process, over a fresh clone of the seeded test database. `env` adds settings (e.g. EID_DEV_PORT). */
export async function createTestApp(env: Readonly<Record<string, string>> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const settings = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...env });
  const app = await createWebApp({ env: settings, databaseUrl: database.url, logger: pino({ level: 'silent' }), listenForChanges: false });
  await app.http.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
