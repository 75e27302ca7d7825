#!/usr/bin/env node
// Runs the TypeScript entry with tsx, so the command works from a plain `npm install`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = createRequire(import.meta.url).resolve('tsx');
const result = spawnSync(
  process.execPath,
  ['--import', tsx, join(root, 'cli', 'tierwise.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
  },
);
process.exit(result.status ?? 1);
