import { Logger as WorkerLogger, run, type Runner, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * The durable job runner (graphile-worker over PostgreSQL: jobs are rows, added in the same
 * transaction as the change that causes them, picked up with LISTEN/NOTIFY, retried with backoff).
 * Any number of worker processes may run against one database.
 */
export async function startWorker(options: { pool: pg.Pool; tasks: TaskList; logger: Logger; concurrency?: number }): Promise<Runner> {
  const log = options.logger.child({ component: 'worker' });
  const runner = await run({
    pgPool: options.pool,
    taskList: options.tasks,
    // Recurring jobs are declared in code (none yet), never read from a crontab file in the working folder.
    crontab: '',
    logger: new WorkerLogger(() => (level, message, meta) => {
      const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
      log[method](meta ?? {}, message);
    }),
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 2000,
  });
  options.logger.info({ tasks: Object.keys(options.tasks) }, 'worker started');
  return runner;
}

/** Adds a job; pass a transaction's client to make the job part of that transaction. */
export async function addJob(client: Pick<pg.Pool, 'query'>, task: string, payload: unknown, options: { jobKey?: string; maxAttempts?: number } = {}): Promise<void> {
  await client.query('SELECT graphile_worker.add_job($1, $2::json, job_key => $3, max_attempts => $4)', [
    task,
    JSON.stringify(payload),
    options.jobKey ?? null,
    options.maxAttempts ?? 5,
  ]);
}
