import type pg from 'pg';

export interface ListenOptions {
  /** Called for each notification on the channel. */
  onNotify: (payload: string | undefined) => void;
  /** Called after a lost connection is back: notifications may have been missed meanwhile. */
  onReconnect?: () => void;
  onError?: (err: Error) => void;
  retryMs?: number;
}

/**
 * LISTEN on a channel with a dedicated connection that comes back by itself when the server
 * restarts or the connection drops, so a web process never silently stops hearing changes.
 * Returns a function that stops listening.
 */
export async function listen(pool: pg.Pool, channel: string, options: ListenOptions): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on('notification', (message) => {
      if (message.channel === channel) options.onNotify(message.payload);
    });
    next.on('error', (err) => {
      options.onError?.(err);
      lost(next);
    });
    await next.query(`LISTEN ${channel}`);
    client = next;
  };

  const lost = (broken: pg.PoolClient) => {
    if (client !== broken) return;
    client = null;
    broken.release(true);
    scheduleRetry();
  };

  const scheduleRetry = () => {
    if (stopped) return;
    retry = setTimeout(() => {
      connect().then(
        () => options.onReconnect?.(),
        (err: Error) => {
          options.onError?.(err);
          scheduleRetry();
        },
      );
    }, options.retryMs ?? 1000);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = null;
    if (current) {
      await current.query(`UNLISTEN ${channel}`).catch(() => undefined);
      current.release();
    }
  };
}
