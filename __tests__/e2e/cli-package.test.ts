import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMMANDS } from '../../src/action/inputs.js';
import { expectRefusedWithoutPublishing } from '../support/assertions.js';
import { ACTION_NODE, LocalStack, REPO_ROOT, type RunResult } from '../support/stack.js';

/**
 * The command line as a user outside GitHub gets it: the npm tarball packed from the repository,
 * installed into a fresh prefix with an empty cache and no network (npm --offline), run with no
 * checkout beside it, no GITHUB_* or INPUT_* variable, and every secret in a file. The tarball is
 * packed from the committed dist/ as it is (CI builds it first); DCT_SIGN_TEST_PACKAGE may name
 * another directory laid out like the package (package.json, action.yml, dist/) to pack instead.
 */
const PACKAGE_DIR = process.env.DCT_SIGN_TEST_PACKAGE || REPO_ROOT;

/** Long enough for npm to pack and install a 6 MB bundle on a loaded machine. */
const NPM_TIMEOUT_MS = 120_000;

interface Exited {
  status: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<Exited> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...options, encoding: 'utf8', timeout: NPM_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`));
        resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** The CLI's `name=value` output lines (a multi-line value is JSON-quoted). */
function outputsOf(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of stdout.matchAll(/^([a-z][a-z-]*)=(.*)$/gm))
    outputs[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
  return outputs;
}

/** A variable that makes a run a runner's step, or would hand dct-sign an input or npm a setting. */
const RUNNER_OR_NPM = /^(?:GITHUB_|INPUT_|RUNNER_|ACTIONS_|npm_)/i;

describe('the npm tarball: installed with no network, dct-sign works outside a runner', () => {
  let stack: LocalStack;
  let work: string;
  let prefix: string;
  let installed: string;
  let packed: { path: string; size: number }[];
  let version: string;
  const secrets = { root: 'root-pass-pkg-51c2', targets: 'targets-pass-pkg-93ae', ci: 'ci-pass-pkg-0d7f' };
  const gun = () => `${stack.registry}/pkg/app`;
  const file = (name: string) => join(work, 'keys', name);

  /** npm without what `npm test` leaves in the environment (npm_config_*), with a cache of its own. */
  const npmEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!RUNNER_OR_NPM.test(name)) env[name] = value;
    return { ...env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
  };

  /** The installed dct-sign, on the Node the end-to-end tests run the action with, in a bare environment. */
  const cli = async (args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> => {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(stack.env())) if (!RUNNER_OR_NPM.test(name)) env[name] = value;
    delete env.DOCKER_CONTENT_TRUST_SERVER;
    const result = await run(join(prefix, 'bin', 'dct-sign'), args, {
      env: { ...env, PATH: `${dirname(ACTION_NODE)}:/usr/bin:/bin`, HOME: join(work, 'home'), ...extraEnv },
      cwd: join(work, 'home'),
    });
    return {
      exitCode: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs: outputsOf(result.stdout),
      summary: '',
      errors: result.stdout.split('\n').filter((l) => l.startsWith('::error')),
    };
  };
  const server = () => ['--notary-server', stack.notaryUrl, '--notary-ca', stack.caFile];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dct-package-'));
    prefix = join(work, 'prefix');
    for (const dir of ['pack', 'keys', 'home']) mkdirSync(join(work, dir));
    const started = LocalStack.start();
    const pack = await run('npm', ['pack', PACKAGE_DIR, '--pack-destination', join(work, 'pack'), '--json', '--offline'], {
      env: npmEnv(),
      cwd: work,
    });
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    const [tarball] = JSON.parse(pack.stdout) as { filename: string; version: string; files: { path: string; size: number }[] }[];
    packed = tarball!.files;
    version = tarball!.version;
    const install = await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, 'pack', tarball!.filename)],
      { env: npmEnv(), cwd: work },
    );
    if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
    installed = join(prefix, 'lib', 'node_modules', 'dct-sign');
    stack = await started;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('ships dist/, action.yml, README and package.json only, and declares no dependency to install', () => {
    const paths = packed.map((f) => f.path);
    expect(paths.filter((p) => !/^(?:dist\/.+|action\.yml|README\.md|package\.json|LICENSE(?:\.md)?)$/.test(p))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/package.json', 'dist/build/Release/pkcs11.node', 'action.yml']));
    // The ncc bundle holds every library and the pkcs11js addon: nothing is fetched at install.
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: object; bin?: object };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ 'dct-sign': 'dist/index.js' });
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
  });

  it('--version, --help and <command> --help answer, exit 0; an unknown command or flag is one line, exit 1', async () => {
    const shown = await cli(['--version']);
    expect({ status: shown.exitCode, stdout: shown.stdout }).toEqual({ status: 0, stdout: `dct-sign ${version}\n` });

    const help = await cli(['--help']);
    expect(help.exitCode).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    expect(help.stdout).toContain('INPUT_<NAME>');

    const signHelp = await cli(['sign', '--help']);
    expect(signHelp.exitCode).toBe(0);
    expect(signHelp.stdout).toMatch(/^usage: dct-sign sign /);
    expect(signHelp.stdout).toContain('--signer-key VALUE, --signer-key-file PATH');
    expect(signHelp.stdout).toContain('--signer-key-passphrase VALUE, --signer-key-passphrase-file PATH');
    // The descriptions come from the action.yml the bundle carries.
    expect(signHelp.stdout).toMatch(/--push VALUE\n {6}sign: true to push each tag/);
    expect(signHelp.stdout).not.toContain('--root-key ');

    const generateHelp = await cli(['generate-key', '--help']);
    expect(generateHelp.stdout).toContain('--key-file VALUE');
    expect(generateHelp.stdout).not.toContain('--notary-server');

    const unknownCommand = await cli(['sing', '--images', `${gun()}:v1`]);
    expect(unknownCommand.exitCode).toBe(1);
    expect(unknownCommand.stderr).toMatch(/^dct-sign: "sing" is not a command; expected one of sign, verify, .*\n$/);
    const unknownFlag = await cli(['verify', '--images', `${gun()}:v1`, '--trusted-root-key', '0'.repeat(64)]);
    expect(unknownFlag.exitCode).toBe(1);
    expect(unknownFlag.stderr).toBe('dct-sign: --trusted-root-key is not an input; see dct-sign verify --help\n');
  }, 60_000);

  it('--version reads the entry and the command line only, not the core and its SDKs', async () => {
    // An ESM loader hook records every file Node loads; chunks arrive by import() and pass through it.
    const log = join(work, 'loaded.log');
    writeFileSync(
      join(work, 'record-loads.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
    );
    writeFileSync(
      join(work, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(work, 'record-loads.mjs')).href)});\n`,
    );
    const shown = await cli(['--version'], { NODE_OPTIONS: `--import=${pathToFileURL(join(work, 'register.mjs')).href}` });
    expect(shown.stdout).toBe(`dct-sign ${version}\n`);
    const loaded = readFileSync(log, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith(pathToFileURL(installed).href))
      .map((url) => fileURLToPath(url));
    expect(loaded[0]).toBe(join(installed, 'dist', 'index.js'));
    // The whole bundle is over 3 MB; the entry and the command line are a few tens of kB.
    const bytes = loaded.reduce((sum, path) => sum + statSync(path).size, 0);
    expect({ bytes: bytes < 200_000, loaded }).toEqual({ bytes: true, loaded });
  }, 60_000);

  it('from nothing to a verified tag: generate-key, init, add-signer, sign by digest, verify, a wrong digest refused; secrets from files only', async () => {
    for (const [role, passphrase] of Object.entries(secrets)) writeFileSync(file(`${role}.pass`), `${passphrase}\n`, { mode: 0o600 });
    for (const role of Object.keys(secrets)) {
      const made = await cli([
        'generate-key',
        '--role',
        role,
        '--key-file',
        file(`${role}.key`),
        '--public-key-file',
        file(`${role}.pub`),
        '--new-key-passphrase-file',
        file(`${role}.pass`),
      ]);
      expect(made.errors).toEqual([]);
      expect(made.exitCode).toBe(0);
      expect(made.outputs['key-id']).toMatch(/^[a-f0-9]{64}$/);
      expect(statSync(file(`${role}.key`)).mode & 0o777).toBe(0o600);
    }

    const init = await cli([
      'init',
      '--images',
      gun(),
      ...server(),
      '--root-key-file',
      file('root.key'),
      '--root-key-passphrase-file',
      file('root.pass'),
      '--repository-key-file',
      file('targets.key'),
      '--repository-key-passphrase-file',
      file('targets.pass'),
    ]);
    expect(init.errors).toEqual([]);
    const rootKeyId = init.outputs['root-key-id']!;
    expect(rootKeyId).toMatch(/^[a-f0-9]{64}$/);
    const pinned = [...server(), '--trusted-root-keys', rootKeyId];

    const added = await cli([
      'add-signer',
      '--images',
      gun(),
      ...pinned,
      '--signer',
      'ci',
      '--signer-public-key',
      file('ci.pub'),
      '--repository-key-file',
      file('targets.key'),
      '--repository-key-passphrase-file',
      file('targets.pass'),
    ]);
    expect(added.errors).toEqual([]);
    expect(added.exitCode).toBe(0);

    // As a pipeline passes docker/build-push-action's digest: name:tag@sha256:..., pushed by another tool.
    const image = stack.makeImage('pkg/app', 'v1');
    const ciKey = ['--signer', 'ci', '--signer-key-file', file('ci.key'), '--signer-key-passphrase-file', file('ci.pass')];
    const signed = await cli(['sign', '--images', `${gun()}:v1@${image.digest}`, '--push', 'false', ...pinned, ...ciKey]);
    expect(signed.errors).toEqual([]);
    expect(signed.exitCode).toBe(0);
    expect(signed.outputs.digests).toBe(`${gun()}@${image.digest}`);

    const verified = await cli(['verify', '--images', `${gun()}:v1`, ...pinned, '--required-signers', 'ci']);
    expect(verified.errors).toEqual([]);
    expect(verified.exitCode).toBe(0);
    expect(verified.outputs.digests).toBe(`${gun()}@${image.digest}`);
    // The real notary client agrees.
    expect(stack.notary(['list', gun()])).toMatch(
      new RegExp(`^v1\\s+${image.digest.slice('sha256:'.length)}\\s+${image.size}\\s+targets/`, 'm'),
    );

    // A digest other than the registry's for the tag: refused, nothing published.
    stack.makeImage('pkg/app', 'v2');
    const other = stack.makeImage('pkg/other', 'v2');
    const refused = await expectRefusedWithoutPublishing(
      stack,
      gun(),
      () => cli(['sign', '--images', `${gun()}:v2@${other.digest}`, '--push', 'false', ...pinned, ...ciKey]),
      /pkg\/app:v2 moved while signing: it was sha256:[a-f0-9]{64} \(given in the reference\), the registry now serves sha256:[a-f0-9]{64}; nothing was published/,
    );

    // Nothing secret reached the terminal, and no runner command but the error was written.
    for (const result of [init, added, signed, verified, refused]) {
      const printed = result.stdout + result.stderr;
      expect(printed).not.toContain('::add-mask::');
      for (const passphrase of Object.values(secrets)) expect(printed).not.toContain(passphrase);
    }
  }, 180_000);
});
