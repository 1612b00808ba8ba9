import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../../config/env.ts';
import { findFreePort } from '../../../../platform/db/embedded.ts';

// `opendvc eid-dev` as an operator runs it: a separate process, configured by its environment.

let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill('SIGTERM');
  child = null;
});

async function waitForDiscovery(url: string, deadline = Date.now() + 20_000): Promise<Record<string, unknown>> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child?.exitCode !== null) throw new Error(`no discovery document at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startCommand(args: string[], env: Record<string, string>): void {
  const { EID_ISSUER: _unset, ...inherited } = process.env;
  child = spawn(process.execPath, [path.join(ROOT_DIR, 'bin/opendvc.js'), 'eid-dev', ...args], {
    cwd: ROOT_DIR,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('opendvc eid-dev', () => {
  it('serves discovery on EID_DEV_PORT with our levels, PKCE and claims', async () => {
    const port = await findFreePort();
    startCommand([], { EID_DEV_PORT: String(port) });
    const discovery = await waitForDiscovery(`http://localhost:${port}/.well-known/openid-configuration`);
    expect(discovery.issuer).toBe(`http://localhost:${port}`);
    expect(discovery.acr_values_supported).toEqual(['urn:vneid:loa:1', 'urn:vneid:loa:2']);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['personal_id', 'name', 'birthdate', 'gender', 'phone_number', 'email', 'address']));
  });

  it('takes --port over EID_DEV_PORT', async () => {
    const [port, other] = [await findFreePort(), await findFreePort()];
    startCommand(['--port', String(port)], { EID_DEV_PORT: String(other === port ? port + 1 : other) });
    const discovery = await waitForDiscovery(`http://localhost:${port}/.well-known/openid-configuration`);
    expect(discovery.token_endpoint).toBe(`http://localhost:${port}/token`);
  });
});
