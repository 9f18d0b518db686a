#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx regia` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// What a command creates (the PGlite folder, the first administrator's password file) is for its
// owner only, whatever the shell's umask.
process.umask(0o077);
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
