#!/usr/bin/env node
// The package's command: loads the TypeScript sources through tsx so that no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
