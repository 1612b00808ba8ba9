import pino from 'pino';
import { createWebApp, type WebApp } from '../../src/app.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  readonly app: WebApp;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The whole web app, in process, over a fresh clone of the seeded test database. */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url });
  const app = await createWebApp({ env, databaseUrl: database.url, logger: pino({ level: 'silent' }), listenForChanges: false });
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
