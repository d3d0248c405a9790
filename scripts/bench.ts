/**
 * `npm run bench [-- --tags 200 --large 3000,10000 --docker-sample N --starts 15]`: starts the local
 * stack (notary-server, the registry and a Docker engine, all on loopback) and measures, in one run:
 *
 * 1. signing N tags that are already in the registry with dct-sign (push: false) against
 *    `docker trust sign` once per tag, sequentially, in repositories made by `docker trust signer add`;
 * 2. the same against a shell script with the notary CLI (scripts/bench/notary-sign.sh: a curl
 *    manifest HEAD and `notary addhash` per tag, one `notary publish`), in repositories made by the
 *    notary CLI (targets/releases delegation);
 * 3. sign and verify at each size of --large (one repository each), and at the largest a verify of
 *    the trust data only (registry-check: false) beside `notary list` and node's own start;
 * 4. the fixed cost of a run (a one-tag sign, `--version`, `node -e 0`; medians).
 *
 * Prints each run as it ends (wall time, peak RSS, CPU of the client and of each server), then one
 * table. A measurement, not a test. `--docker-sample S` times `docker trust sign` for the first S
 * tags only and extrapolates (labelled so); `--docker-sample 0` and `--large 0` skip those parts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSPHRASES } from '../__tests__/support/docker-trust.js';
import { ACTION, ACTION_NODE, LocalStack, parseOutputFile } from '../__tests__/support/stack.js';
import { cpuLine, duration, measure, measureOk, median, type Measured, type Servers } from './bench/measure.js';
import {
  NOTARY_PASSPHRASES,
  dockerRepository,
  dockerSigner,
  makeReleasesKey,
  notaryRepository,
  tagInDaemon,
  tagInRegistry,
  tagInStorage,
} from './bench/setup.js';

const USAGE = 'usage: npm run bench [-- --tags N] [--large N,M|0] [--docker-sample S|0] [--starts K]';

function parseArgs(argv: readonly string[]): { tags: number; large: number[]; dockerSample: number; starts: number } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]!.replace(/^--/, '');
    if (!argv[i]!.startsWith('--') || !['tags', 'large', 'docker-sample', 'starts'].includes(name) || argv[i + 1] === undefined)
      throw new Error(USAGE);
    values.set(name, argv[i + 1]!);
  }
  const count = (name: string, fallback: number, min: number) => {
    const text = values.get(name);
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected an integer >= ${min}\n${USAGE}`);
    return n;
  };
  const tags = count('tags', 200, 1);
  const large = (values.get('large') ?? '3000,10000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n !== 0);
  if (large.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--large: expected sizes like 3000,10000, or 0\n${USAGE}`);
  const dockerSample = Math.min(count('docker-sample', tags, 0), tags);
  return { tags, large: [...new Set(large)].sort((a, b) => a - b), dockerSample, starts: count('starts', 15, 1) };
}

const OPTIONS = parseArgs(process.argv.slice(2));
const N = OPTIONS.tags;
/** BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=DIR`) go to the node of every dct-sign run, for profiling. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const NOTARY_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'bench', 'notary-sign.sh');
const n = (count: number) => count.toLocaleString('en-US');
const mb = (run: Measured) => `${run.peakMb.toFixed(0)} MB`;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The command line as typed: npm's or tsx's, with the variables that change what is measured. */
function commandLine(): string {
  const argv = process.argv.slice(2).join(' ');
  const env = ['DCT_SIGN_TEST_ACTION', 'DCT_SIGN_TEST_NODE', 'BENCH_NODE_ARGS']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('');
  const command =
    process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv ? ` -- ${argv}` : ''}` : `npx tsx scripts/bench.ts ${argv}`;
  return `${env}${command}`.trim();
}

interface Row {
  work: string;
  dct: string;
  peer: string;
  ratio: string;
  rss: string;
}

function printTable(rows: readonly Row[]): void {
  const header: Row = { work: 'work', dct: 'dct-sign', peer: 'peer', ratio: 'ratio', rss: 'dct-sign peak RSS' };
  const keys = ['work', 'dct', 'peer', 'ratio', 'rss'] as const;
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: Row) =>
    `| ${keys.map((k, i) => (k === 'work' || k === 'peer' ? r[k].padEnd(widths[i]!) : r[k].padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 || i === 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const benchStart = performance.now();
  console.log(`command: ${commandLine()}`);
  const nodeVersion = execFileSync(ACTION_NODE, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`bundle: ${ACTION}; node for the action: ${ACTION_NODE} (${nodeVersion})`);
  console.log(
    `options: --tags ${N} --large ${OPTIONS.large.join(',') || 0} --docker-sample ${OPTIONS.dockerSample} --starts ${OPTIONS.starts}`,
  );
  console.log(
    `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average at start ${loadavg()}; ${new Date().toISOString()}`,
  );

  const withDocker = OPTIONS.dockerSample > 0;
  const stack = await LocalStack.start({ docker: withDocker });
  try {
    const reg = stack.registry;
    const serverNames: Record<string, string> = { 'docker-registry': 'registry', 'notary-server': 'notary-server', dockerd: 'dockerd' };
    const servers: Servers = Object.fromEntries(
      stack.children.filter((c) => serverNames[c.spawnfile]).map((c) => [serverNames[c.spawnfile]!, c]),
    );
    const versions = await measure('docker', ['version', '--format', 'docker CLI {{.Client.Version}}, engine {{.Server.Version}}'], {
      env: stack.env(),
    });
    if (withDocker) console.log(versions.stdout.trim());
    const rows: Row[] = [];
    const log = (what: string, run: Measured, client = 'dct-sign') =>
      console.log(`  ${what}: ${duration(run.ms)}${run.peakMb ? `, peak RSS ${mb(run)}` : ''}; ${cpuLine(run, client)}`);

    /** One dct-sign run as a runner starts it: INPUT_* variables, the images in images-file, GITHUB_OUTPUT and the step summary. */
    const dctSign = async (what: string, command: 'sign' | 'verify', images: readonly string[], inputs: Record<string, string>) => {
      const runDir = mkdtempSync(join(stack.dir, 'run-'));
      const files = { output: join(runDir, 'output'), summary: join(runDir, 'summary'), images: join(runDir, 'images') };
      writeFileSync(files.output, '');
      writeFileSync(files.summary, '');
      writeFileSync(files.images, images.join('\n'));
      const env: NodeJS.ProcessEnv = {
        ...stack.env(),
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        RUNNER_TEMP: runDir,
        INPUT_COMMAND: command,
        'INPUT_IMAGES-FILE': files.images,
        'INPUT_NOTARY-SERVER': stack.notaryUrl,
        'INPUT_NOTARY-CA': stack.caFile,
      };
      delete env.DOCKER_CONTENT_TRUST_SERVER;
      for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
      const run = await measureOk(`dct-sign: ${what}`, ACTION_NODE, [...NODE_ARGS, ACTION], { env, servers, sampleRss: true });
      const result = JSON.parse(parseOutputFile(readFileSync(files.output, 'utf8')).result ?? '[]') as unknown[];
      if (result.length !== images.length) throw new Error(`dct-sign: ${what}: ${result.length} results for ${images.length} images`);
      return run;
    };
    const notaryCli = (args: string[], trustDir: string) =>
      measureOk('notary', 'notary', ['-s', stack.notaryUrl, '-d', trustDir, '--tlscacert', stack.caFile, ...args], {
        env: stack.env(NOTARY_PASSPHRASES),
        servers,
      });
    const listed = (run: Measured) => run.stdout.split('\n').filter((l) => /\s[0-9a-f]{64}\s/.test(l)).length;

    // ---- setup: every repository and tag before the first measurement ----
    const setupStart = performance.now();
    console.log(`\nsetup: repositories, ${n(N)} tags each for the comparisons, ${OPTIONS.large.map(n).join(' + ') || 'no'} large...`);
    const releases = makeReleasesKey(stack);
    const releasesInputs = { signer: 'releases', 'signer-key': releases.keyFile, push: 'false' };
    const notaryRepos = ['bench/dct-notary', 'bench/notary', 'bench/one', ...OPTIONS.large.map((size) => `bench/large-${size}`)];
    for (const repo of notaryRepos) {
      notaryRepository(stack, `${reg}/${repo}`, releases);
      stack.makeImage(repo, 'seed');
    }
    const tags = await tagInRegistry(stack, 'bench/dct-notary', 'seed', 't', N);
    await tagInRegistry(stack, 'bench/notary', 'seed', 't', N);
    await tagInRegistry(stack, 'bench/one', 'seed', 'o', OPTIONS.starts);
    let alice: ReturnType<typeof dockerSigner> | undefined;
    if (withDocker) {
      // docker's repositories: the image in the engine, pushed once (no trust), tagged N times in
      // the registry and in the engine. docker's repository and dct-sign's have the same shape.
      alice = dockerSigner(stack, 'alice');
      stack.makeImage('bench/docker', 'seed', { load: true });
      for (const repo of ['bench/docker', 'bench/dct-docker']) {
        dockerRepository(stack, repo, alice);
        if (repo !== 'bench/docker') await stack.dockerAsync(['tag', `${reg}/bench/docker:seed`, `${reg}/${repo}:seed`]);
        await stack.dockerAsync(['push', '-q', `${reg}/${repo}:seed`]);
        await tagInRegistry(stack, repo, 'seed', 't', N);
      }
      await tagInDaemon(stack, `${reg}/bench/docker:seed`, `${reg}/bench/docker`, tags.slice(0, OPTIONS.dockerSample));
    }
    const largeTagStart = performance.now();
    for (const size of OPTIONS.large) await tagInStorage(stack, `bench/large-${size}`, 'seed', 't', size);
    const largeTagMs = performance.now() - largeTagStart;
    const setupMs = performance.now() - setupStart;
    console.log(
      `setup took ${duration(setupMs)} (of which ${duration(largeTagMs)} tagging the large repositories in the registry's storage, checked through its API)`,
    );

    // ---- 1. dct-sign vs docker trust sign, per tag ----
    if (withDocker) {
      console.log(`\n1. sign ${n(N)} tags in a repository made by docker trust signer add (targets/releases + targets/alice)`);
      const dct = await dctSign(
        'sign, docker repository',
        'sign',
        tags.map((t) => `${reg}/bench/dct-docker:${t}`),
        {
          signer: 'alice',
          'signer-key': alice!.keyFile,
          'signer-key-passphrase': PASSPHRASES.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
          push: 'false',
        },
      );
      log(`dct-sign, one run, ${n(N)} tags`, dct);
      const sample = tags.slice(0, OPTIONS.dockerSample);
      const each: Measured[] = [];
      for (const tag of sample)
        each.push(
          await measureOk('docker trust sign', 'docker', ['trust', 'sign', `${reg}/bench/docker:${tag}`], {
            env: stack.env(PASSPHRASES),
            servers,
          }),
        );
      const times = each.map((r) => r.ms);
      const sum = times.reduce((a, b) => a + b, 0);
      const total = (sum / sample.length) * N;
      const sum0 = (pick: (r: Measured) => number) => each.reduce((a, r) => a + pick(r), 0);
      const extrapolated = sample.length < N;
      console.log(
        `  docker trust sign x ${sample.length}${extrapolated ? ` of ${N}` : ''}, sequential: ${duration(sum)}; per tag median ${duration(median(times))}, ` +
          `min ${duration(Math.min(...times))}, max ${duration(Math.max(...times))}, first ${duration(times[0]!)}, last ${duration(times.at(-1)!)}` +
          `${extrapolated ? `; extrapolated to ${N} tags: ${duration(total)}` : ''}`,
      );
      console.log(
        `  cpu: docker CLI ${sum0((r) => r.cpu).toFixed(2)} s, ${Object.keys(each[0]!.serverCpu)
          .map((s) => `${s} ${sum0((r) => r.serverCpu[s]!).toFixed(2)} s`)
          .join(', ')}`,
      );
      console.log('  (an unsigned tag: docker trust sign pushes it through the engine, its blobs already there, then signs and publishes)');
      const signed = await measureOk('docker trust inspect', 'docker', ['trust', 'inspect', `${reg}/bench/docker`], { env: stack.env() });
      const inspected = (JSON.parse(signed.stdout) as { SignedTags: unknown[] }[])[0]!.SignedTags.length;
      if (inspected !== sample.length) throw new Error(`docker trust inspect lists ${inspected} signed tags, expected ${sample.length}`);
      rows.push({
        work: `sign ${n(N)} tags, docker trust repository`,
        dct: duration(dct.ms),
        peer: `docker trust sign x${n(N)}, one after another: ${duration(total)}${extrapolated ? ` (extrapolated from ${sample.length})` : ''}`,
        ratio: `peer/dct ${(total / dct.ms).toFixed(1)}`,
        rss: mb(dct),
      });
    }

    // ---- 2. dct-sign vs the notary CLI, scripted ----
    console.log(`\n2. sign ${n(N)} tags in a repository made by the notary CLI (targets/releases)`);
    const dctNotary = await dctSign(
      'sign, notary repository',
      'sign',
      tags.map((t) => `${reg}/bench/dct-notary:${t}`),
      releasesInputs,
    );
    log(`dct-sign, one run, ${n(N)} tags`, dctNotary);
    const tagsFile = join(stack.dir, 'bench-tags.txt');
    writeFileSync(tagsFile, `${tags.join('\n')}\n`);
    const script = await measureOk(
      'notary script',
      'bash',
      [NOTARY_SCRIPT, reg, 'bench/notary', `${reg}/bench/notary`, 'targets/releases', tagsFile],
      {
        env: {
          ...stack.env(NOTARY_PASSPHRASES),
          NOTARY_SERVER: stack.notaryUrl,
          NOTARY_TRUST_DIR: join(stack.dir, 'notary-trust'),
          NOTARY_CA: stack.caFile,
          LC_ALL: 'C',
        },
        servers,
      },
    );
    const phases = Object.fromEntries([...script.stdout.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
    if (phases.tags !== N) throw new Error(`notary script handled ${phases.tags} tags, expected ${N}:\n${script.tail}`);
    console.log(
      `  script (curl -sI + notary addhash per tag, one notary publish): ${duration(script.ms)}: look-ups ${duration(phases.lookup_us! / 1000)}, ` +
        `addhash ${duration(phases.addhash_us! / 1000)}, publish ${duration(phases.publish_us! / 1000)}; ${cpuLine(script, 'curl+notary+bash')}`,
    );
    const notaryListed = listed(await notaryCli(['list', `${reg}/bench/notary`], join(stack.dir, 'notary-trust')));
    if (notaryListed !== N) throw new Error(`notary list shows ${notaryListed} tags after the script, expected ${N}`);
    rows.push({
      work: `sign ${n(N)} tags, notary CLI repository`,
      dct: duration(dctNotary.ms),
      peer: `curl -sI + notary addhash x${n(N)}, 1 publish: ${duration(script.ms)}`,
      ratio: `peer/dct ${(script.ms / dctNotary.ms).toFixed(1)}`,
      rss: mb(dctNotary),
    });
    const verifyN = await dctSign(
      `verify ${N}`,
      'verify',
      tags.map((t) => `${reg}/bench/dct-notary:${t}`),
      {},
    );
    log(`dct-sign verify, ${n(N)} tags`, verifyN);
    rows.push({
      work: `verify ${n(N)} tags`,
      dct: duration(verifyN.ms),
      peer: '-',
      ratio: `sign/verify ${(dctNotary.ms / verifyN.ms).toFixed(2)}`,
      rss: mb(verifyN),
    });

    // ---- 3. sign vs verify, large; trust-only verify against notary list ----
    let nodeStart: number | undefined;
    const nodeE0 = async () => {
      const times = [];
      for (let i = 0; i < OPTIONS.starts; i++) times.push((await measureOk('node -e 0', ACTION_NODE, ['-e', '0'])).ms);
      return (nodeStart ??= median(times));
    };
    for (const size of OPTIONS.large) {
      console.log(`\n3. sign and verify ${n(size)} tags in one repository`);
      const refs = Array.from({ length: size }, (_, i) => `${reg}/bench/large-${size}:t${i}`);
      const signed = await dctSign(`sign ${size}`, 'sign', refs, releasesInputs);
      log(`sign ${n(size)}`, signed);
      const verified = await dctSign(`verify ${size}`, 'verify', refs, {});
      log(`verify ${n(size)}`, verified);
      rows.push({ work: `sign ${n(size)} tags`, dct: duration(signed.ms), peer: '-', ratio: '-', rss: mb(signed) });
      rows.push({
        work: `verify ${n(size)} tags`,
        dct: duration(verified.ms),
        peer: '-',
        ratio: `sign/verify ${(signed.ms / verified.ms).toFixed(2)}`,
        rss: mb(verified),
      });
      if (size !== OPTIONS.large.at(-1)) continue;

      console.log(
        `   trust data only at ${n(size)} tags: registry-check: false, notary list (a fresh trust dir each, as a new runner), node -e 0`,
      );
      const trustOnly: Measured[] = [];
      const lists: Measured[] = [];
      let trustDir = '';
      for (let i = 0; i < 3; i++) {
        trustOnly.push(await dctSign(`verify ${size}, registry-check: false`, 'verify', refs, { 'registry-check': 'false' }));
        log(`verify, registry-check: false, run ${i + 1}`, trustOnly.at(-1)!);
        trustDir = mkdtempSync(join(stack.dir, 'notary-list-'));
        lists.push(await notaryCli(['list', `${reg}/bench/large-${size}`], trustDir));
        if (listed(lists.at(-1)!) !== size) throw new Error(`notary list shows ${listed(lists.at(-1)!)} tags, expected ${size}`);
        log(`notary list, run ${i + 1}`, lists.at(-1)!, 'notary');
      }
      log(
        'notary list again, its trust dir warm (cached metadata)',
        await notaryCli(['list', `${reg}/bench/large-${size}`], trustDir),
        'notary',
      );
      const verifyMs = median(trustOnly.map((r) => r.ms));
      const listMs = median(lists.map((r) => r.ms));
      const node = await nodeE0();
      const target = node + 3 * listMs;
      rows.push({
        work: `verify ${n(size)} tags, registry-check: false (median of 3)`,
        dct: duration(verifyMs),
        peer: `notary list, cold trust dir (median of 3): ${duration(listMs)}`,
        ratio: `peer/dct ${(listMs / verifyMs).toFixed(2)}`,
        rss: `${Math.max(...trustOnly.map((r) => r.peakMb)).toFixed(0)} MB`,
      });
      rows.push({
        work: 'target: trust-only verify <= node -e 0 + 3 x notary list',
        dct: duration(verifyMs),
        peer: `${duration(node)} + 3 x ${duration(listMs)} = ${duration(target)}`,
        ratio: `dct/target ${(verifyMs / target).toFixed(2)} (${verifyMs <= target ? 'met' : 'missed'})`,
        rss: '-',
      });
    }

    // ---- 4. the fixed cost of a run ----
    console.log(`\n4. the fixed cost of a run: medians of ${OPTIONS.starts}`);
    const oneRef = (tag: string) => [`${reg}/bench/one:${tag}`];
    const fresh: Measured[] = [];
    for (let i = 0; i < OPTIONS.starts; i++) fresh.push(await dctSign('sign 1 new tag', 'sign', oneRef(`o${i}`), releasesInputs));
    const again: Measured[] = [];
    for (let i = 0; i < OPTIONS.starts; i++) again.push(await dctSign('re-sign 1 tag', 'sign', oneRef('o0'), releasesInputs));
    const versions15: Measured[] = [];
    for (let i = 0; i < OPTIONS.starts; i++)
      versions15.push(await measureOk('dct-sign --version', ACTION_NODE, [ACTION, '--version'], { sampleRss: true }));
    const node = await nodeE0();
    const fixed = (work: string, runs: readonly Measured[]) => {
      const ms = median(runs.map((r) => r.ms));
      console.log(
        `  ${work}: median ${duration(ms)}, min ${duration(Math.min(...runs.map((r) => r.ms)))}; cpu median ${median(runs.map((r) => r.cpu)).toFixed(2)} s`,
      );
      rows.push({ work, dct: duration(ms), peer: '-', ratio: '-', rss: `${Math.max(...runs.map((r) => r.peakMb)).toFixed(0)} MB` });
    };
    fixed(`sign 1 new tag, file key (publishes)`, fresh);
    fixed(`re-sign 1 signed tag, file key (nothing to publish)`, again);
    fixed('dct-sign --version', versions15);
    console.log(`  node -e 0: median ${duration(node)}`);
    rows.push({ work: 'node -e 0 (node alone)', dct: duration(node), peer: '-', ratio: '-', rss: '-' });

    console.log(`\ncommand: ${commandLine()}`);
    console.log(
      `load average at the end ${loadavg()}; the bench took ${duration(performance.now() - benchStart)} (setup ${duration(setupMs)})\n`,
    );
    printTable(rows);
    console.log(
      '\nratio: peer/dct is the peer time over dct-sign (above 1: dct-sign is faster); sign/verify compares two dct-sign runs;\n' +
        'dct/target is trust-only verify over its target. Every dct-sign run is one process, as a runner starts it; fixed-cost rows are medians.',
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
