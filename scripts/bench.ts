/**
 * `npm run bench [-- --tags 200 --large 10000]`: starts the local stack and measures signing N tags
 * that are already in the registry, by the action (push: false) and by the notary CLI doing the
 * same work (addhash per tag, then one publish), same server and same kind of delegation key.
 * Prints wall time, the ratio and the action's peak memory. A measurement, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION, LocalStack } from '../__tests__/support/stack.js';
import { mapLimit } from '../src/util/concurrency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TAGS = arg('tags', 200);
const LARGE = arg('large', 10_000);
const NOTARY_PASSPHRASES = {
  NOTARY_ROOT_PASSPHRASE: 'bench-root-1',
  NOTARY_TARGETS_PASSPHRASE: 'bench-targets-1',
  NOTARY_SNAPSHOT_PASSPHRASE: 'bench-snapshot-1',
  NOTARY_DELEGATION_PASSPHRASE: 'bench-delegation-1',
};

/** A repository made by the notary CLI: server-managed snapshot, targets/releases with one P-256 key. */
function initRepository(stack: LocalStack, gun: string, keyDir: string): void {
  stack.notary(['init', gun], NOTARY_PASSPHRASES);
  stack.notary(['key', 'rotate', gun, 'snapshot', '-r'], NOTARY_PASSPHRASES);
  stack.notary(['delegation', 'add', gun, 'targets/releases', join(keyDir, 'releases.crt'), '--all-paths'], NOTARY_PASSPHRASES);
  stack.notary(['publish', gun], NOTARY_PASSPHRASES);
}

/** Tags in the registry without pushing N images: the seed manifest PUT under N tags. */
async function tagMany(stack: LocalStack, repository: string, prefix: string, count: number): Promise<{ digest: string; size: number }> {
  const seed = stack.makeImage(repository, 'seed');
  const manifest = await fetch(`http://${stack.registry}/v2/${repository}/manifests/seed`, {
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  const body = new Uint8Array(await manifest.arrayBuffer());
  const type = manifest.headers.get('content-type') ?? 'application/vnd.oci.image.manifest.v1+json';
  for (let start = 0; start < count; start += 32) {
    await Promise.all(
      Array.from({ length: Math.min(32, count - start) }, (_, j) =>
        fetch(`http://${stack.registry}/v2/${repository}/manifests/${prefix}${start + j}`, {
          method: 'PUT',
          headers: { 'content-type': type },
          body,
        }).then((r) => {
          if (!r.ok) throw new Error(`PUT tag failed: ${r.status}`);
        }),
      ),
    );
  }
  return seed;
}

/** Runs the action and samples its peak RSS (VmHWM) from /proc. */
function runAction(env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number; exitCode: number; tail: string }> {
  return new Promise((resolve) => {
    const start = performance.now();
    // BENCH_NODE_ARGS (e.g. --cpu-prof) goes to the action's node, for profiling.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, ACTION], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    let peakKb = 0;
    const sample = setInterval(() => {
      const status = `/proc/${child.pid}/status`;
      if (!existsSync(status)) return;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    }, 20);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ ms: performance.now() - start, peakMb: peakKb / 1024, exitCode: code ?? -1, tail: out.split('\n').slice(-5).join('\n') });
    });
  });
}

/** The action's environment, as a runner sets it; the image list goes through images-file (a large list exceeds one variable). */
function actionEnv(stack: LocalStack, images: string[], keyDir: string, command = 'sign'): NodeJS.ProcessEnv {
  const outputFile = join(stack.dir, `out-${Math.random()}`);
  const imagesFile = join(stack.dir, `images-${Math.random()}`);
  writeFileSync(outputFile, '');
  writeFileSync(imagesFile, images.join('\n'));
  return {
    ...stack.env(),
    GITHUB_OUTPUT: outputFile,
    INPUT_COMMAND: command,
    'INPUT_IMAGES-FILE': imagesFile,
    INPUT_PUSH: 'false',
    INPUT_SIGNER: 'releases',
    'INPUT_SIGNER-KEY': join(keyDir, 'releases.key'),
    'INPUT_NOTARY-SERVER': stack.notaryUrl,
    'INPUT_NOTARY-CA': stack.caFile,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const STARTS = 15;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const stack = await LocalStack.start();
  try {
    const keyDir = stack.dir;
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'releases.key'], { cwd: keyDir });
    execFileSync(
      'openssl',
      ['req', '-x509', '-new', '-key', 'releases.key', '-subj', '/CN=releases', '-days', '365', '-out', 'releases.crt'],
      { cwd: keyDir },
    );
    const gunAction = `${stack.registry}/bench/action`;
    const gunNotary = `${stack.registry}/bench/notary`;
    for (const gun of [gunAction, gunNotary]) initRepository(stack, gun, keyDir);
    stack.notary(['key', 'import', join(keyDir, 'releases.key'), '-r', 'targets/releases'], NOTARY_PASSPHRASES);

    console.log(`Tagging ${TAGS} tags in each repository...`);
    await tagMany(stack, 'bench/action', 't', TAGS);
    const seed = await tagMany(stack, 'bench/notary', 't', TAGS);

    const action = await runAction(
      actionEnv(
        stack,
        Array.from({ length: TAGS }, (_, i) => `${gunAction}:t${i}`),
        keyDir,
      ),
    );
    if (action.exitCode !== 0) throw new Error(`action failed:\n${action.tail}`);

    const notaryStart = performance.now();
    const hex = seed.digest.slice(7);
    for (let i = 0; i < TAGS; i++) {
      stack.notary(['addhash', gunNotary, `t${i}`, String(seed.size), '--sha256', hex, '-r', 'targets/releases'], NOTARY_PASSPHRASES);
    }
    stack.notary(['publish', gunNotary], NOTARY_PASSPHRASES);
    const notaryMs = performance.now() - notaryStart;

    const rows: string[][] = [
      ['work', 'dct-sign', 'notary CLI', 'ratio', 'dct-sign peak RSS'],
      [
        `sign ${TAGS} tags`,
        `${(action.ms / 1000).toFixed(2)} s`,
        `${(notaryMs / 1000).toFixed(2)} s`,
        `${(notaryMs / action.ms).toFixed(1)}x`,
        `${action.peakMb.toFixed(0)} MB`,
      ],
    ];

    const verify200 = await runAction(
      actionEnv(
        stack,
        Array.from({ length: TAGS }, (_, i) => `${gunAction}:t${i}`),
        keyDir,
        'verify',
      ),
    );
    if (verify200.exitCode !== 0) throw new Error(`verify failed:\n${verify200.tail}`);
    rows.push([`verify ${TAGS} tags`, seconds(verify200.ms), '-', '-', `${verify200.peakMb.toFixed(0)} MB`]);

    // Fixed cost of a run: a one-tag sign with a file key (the key stores' SDKs must not load for it),
    // and `--version` beside node's own start. Medians of STARTS runs. To compare with another
    // bundle: DCT_SIGN_TEST_ACTION=<its index.js> npm run bench -- --large 0.
    const oneTag = [];
    for (let i = 0; i < STARTS; i++) {
      const run = await runAction(actionEnv(stack, [`${gunAction}:t0`], keyDir));
      if (run.exitCode !== 0) throw new Error(`one-tag sign failed:\n${run.tail}`);
      oneTag.push(run.ms);
    }
    rows.push(['sign 1 tag (file key)', `${median(oneTag).toFixed(0)} ms`, '-', '-', '-']);
    const timed = (args: string[]) => {
      const times = [];
      for (let i = 0; i < STARTS; i++) {
        const start = performance.now();
        execFileSync(process.execPath, args, { stdio: 'ignore' });
        times.push(performance.now() - start);
      }
      return median(times);
    };
    rows.push(['dct-sign --version', `${timed([ACTION, '--version']).toFixed(0)} ms`, '-', '-', '-']);
    rows.push(['node -e 0', `${timed(['-e', '0']).toFixed(0)} ms`, '-', '-', '-']);

    if (LARGE > 0) {
      const gunLarge = `${stack.registry}/bench/large`;
      initRepository(stack, gunLarge, keyDir);
      console.log(`Tagging ${LARGE} tags...`);
      await tagMany(stack, 'bench/large', 't', LARGE);
      const refs = Array.from({ length: LARGE }, (_, i) => `${gunLarge}:t${i}`);
      const large = await runAction(actionEnv(stack, refs, keyDir));
      if (large.exitCode !== 0) throw new Error(`action failed on ${LARGE} tags:\n${large.tail}`);
      rows.push([`sign ${LARGE} tags`, seconds(large.ms), '-', '-', `${large.peakMb.toFixed(0)} MB`]);
      const verified = await runAction(actionEnv(stack, refs, keyDir, 'verify'));
      if (verified.exitCode !== 0) throw new Error(`verify failed on ${LARGE} tags:\n${verified.tail}`);
      rows.push([`verify ${LARGE} tags`, seconds(verified.ms), '-', '-', `${verified.peakMb.toFixed(0)} MB`]);

      // The floor under both: what the registry alone takes to answer one manifest look-up per tag.
      const floorStart = performance.now();
      await mapLimit(refs, 16, (ref) =>
        fetch(`http://${stack.registry}/v2/bench/large/manifests/${ref.slice(ref.lastIndexOf(':') + 1)}`, {
          method: 'HEAD',
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
        }).then((r) => r.arrayBuffer()),
      );
      rows.push([`registry: ${LARGE} HEADs`, seconds(performance.now() - floorStart), '-', '-', '-']);
    }
    console.log('');
    for (const row of rows) console.log(row.map((c, i) => c.padEnd(i === 0 ? 24 : 14)).join(''));
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
