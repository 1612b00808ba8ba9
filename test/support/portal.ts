import { findFreePort } from '../../src/platform/db/embedded.ts';
import { createTestApp, type TestApp } from './app.ts';

/** The whole portal listening on a real loopback port, its public URL set to that address. */
export async function startTestPortal(env: Readonly<Record<string, string>> = {}): Promise<TestApp & { base: string }> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PUBLIC_URL: base, PORT: String(port), ...env });
  await t.app.http.listen({ port, host: '127.0.0.1' });
  return { ...t, base };
}
