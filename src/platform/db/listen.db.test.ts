import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { listen } from './listen.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('listen', () => {
  it('hears notifications, comes back after its connection is killed, and stops', async () => {
    const heard: Array<string | undefined> = [];
    let reconnects = 0;
    const stop = await listen(database.pool, 'opendvc_test_channel', {
      onNotify: (payload) => heard.push(payload),
      onReconnect: () => reconnects++,
      retryMs: 50,
    });
    await database.pool.query("SELECT pg_notify('opendvc_test_channel', 'one')");
    await waitFor(() => heard.length === 1);
    expect(heard).toEqual(['one']);

    // The server ends the listening backend, as a restart or a network cut would.
    await database.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    );
    await waitFor(() => reconnects === 1);
    await database.pool.query("SELECT pg_notify('opendvc_test_channel', 'two')");
    await waitFor(() => heard.length === 2);
    expect(heard).toEqual(['one', 'two']);

    await stop();
    await database.pool.query("SELECT pg_notify('opendvc_test_channel', 'three')");
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['one', 'two']);
  });
});
