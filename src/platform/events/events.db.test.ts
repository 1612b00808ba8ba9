import { runOnce } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createEventDispatcher, DISPATCH_TASK, publishEvent, type DomainEvent } from './events.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('events', () => {
  it('appends an event with its dispatch job in the caller’s transaction, and dispatches it once committed', async () => {
    const received: DomainEvent[] = [];
    const taskList = {
      [DISPATCH_TASK]: createEventDispatcher(database.db, { 'test.thing_happened': [async (e) => void received.push(e)] }, pino({ level: 'silent' })),
    };
    // A rolled-back change leaves neither event nor job behind.
    await expect(
      database.db.transaction().execute(async (tx) => {
        await publishEvent(tx, 'test.thing_happened', { n: 0 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const id = await database.db.transaction().execute((tx) => publishEvent(tx, 'test.thing_happened', { n: 1 }));
    await runOnce({ pgPool: database.pool, taskList });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id, type: 'test.thing_happened', payload: { n: 1 } });
    const row = await database.pool.query('SELECT count(*)::int AS n, count(dispatched_at)::int AS done FROM platform_event');
    expect(row.rows[0]).toEqual({ n: 1, done: 1 });
  });

  it('retries when a subscriber fails', async () => {
    let calls = 0;
    const taskList = {
      [DISPATCH_TASK]: createEventDispatcher(
        database.db,
        {
          'test.flaky': [
            async () => {
              calls++;
              throw new Error('not now');
            },
          ],
        },
        pino({ level: 'silent' }),
      ),
    };
    await publishEvent(database.db, 'test.flaky', {});
    await runOnce({ pgPool: database.pool, taskList });
    expect(calls).toBe(1);
    const job = await database.pool.query('SELECT attempts FROM graphile_worker.jobs WHERE task_identifier = $1', [DISPATCH_TASK]);
    expect(job.rows).toEqual([{ attempts: 1 }]);
    const event = await database.pool.query("SELECT dispatched_at FROM platform_event WHERE type = 'test.flaky'");
    expect(event.rows[0].dispatched_at).toBeNull();
  });
});
