#!/usr/bin/env node
// One bundle for both: the runner starts `node dist/index.js` with no arguments; the CLI has some.
// Each side is loaded once chosen, so `dct-sign --version` reads a few kB, not the whole core.
if (process.argv.length > 2) {
  void import('./cli.js').then(({ runCli }) => runCli(process.argv.slice(2)));
} else {
  // No source-map support at start: ncc's register costs every start about 40 ms and Node's own
  // parses the whole map before the first line runs; failures are one-line messages, not traces.
  void import('./main.js').then(({ run }) => run());
}
