#!/usr/bin/env node
import { runCli } from './cli.js';
import { run } from './main.js';

// One bundle for both: the runner starts `node dist/index.js` with no arguments; the CLI has some.
if (process.argv.length > 2) void runCli(process.argv.slice(2));
else void run();
