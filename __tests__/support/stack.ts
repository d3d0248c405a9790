import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { execSync } from './exec.js';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOciImage } from './oci-image.js';
import { TokenServer } from './token-server.js';

/**
 * The real stack of local-stack.md on free loopback ports in a temp dir: notary-server (TLS, a
 * throwaway CA), the registry, and optionally a Docker engine without networking. Every process
 * is stopped by the PID started here, also when a test fails (afterAll, and an exit hook).
 */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundle the end-to-end tests run: dist/, or another build named by DCT_SIGN_TEST_ACTION (a work-in-progress bundle). */
export const ACTION = process.env.DCT_SIGN_TEST_ACTION || join(REPO_ROOT, 'dist', 'index.js');
/**
 * The Node that runs the action: this one, or another named by DCT_SIGN_TEST_NODE. CI runs the
 * end-to-end tests again with Node 24, the runtime action.yml names (`runs.using: node24`).
 */
export const ACTION_NODE = process.env.DCT_SIGN_TEST_NODE || process.execPath;

const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/**
 * The TCP port a process we started listens on, from /proc (its socket inodes in the LISTEN state).
 * Servers are told to bind port 0 and are asked afterwards: handing them a port found free a moment
 * earlier would race with anything else that binds it in between.
 */
export function listeningPort(pid: number): number | undefined {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          } catch {
            return undefined;
          }
        })
        .filter((inode): inode is string => inode !== undefined),
    );
  } catch {
    return undefined;
  }
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; field 9 is the inode
    if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) return parseInt(fields[1]!.split(':')[1]!, 16);
  }
  return undefined;
}

/** Polls `check` until it holds; fails with the tail of the process's log when it exits or the time is up. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  child: ChildProcess,
  logFile: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
  throw new Error(`${what} did not start (exit ${child.exitCode}):\n${log}`);
}

/** openssl, or openssl with its clock set `backdateDays` back (Debian's faketime), for certificates a faked client accepts. */
function openssl(args: string[], cwd: string, backdateDays = 0): void {
  if (backdateDays > 0) execSync('faketime', ['-f', `-${backdateDays}d`, 'openssl', ...args], { cwd, stdio: 'pipe' });
  else execSync('openssl', args, { cwd, stdio: 'pipe' });
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error::` lines the action printed. */
  errors: string[];
}

export class LocalStack {
  readonly children: ChildProcess[] = [];
  notaryPort = 0;
  registryPort = 0;
  dockerSocket = '';
  /** Set when the stack requires token auth (notary-server and registry both). */
  tokens?: TokenServer;

  private constructor(readonly dir: string) {}

  get notaryUrl(): string {
    return `https://127.0.0.1:${this.notaryPort}`;
  }
  get registry(): string {
    return `127.0.0.1:${this.registryPort}`;
  }
  get caFile(): string {
    return join(this.dir, 'ca.crt');
  }
  get dockerConfig(): string {
    return join(this.dir, 'docker-config');
  }
  get notaryLog(): string {
    return join(this.dir, 'notary.log');
  }

  /**
   * `backdateCertificatesDays`: the TLS certificates start that many days ago (made under
   * faketime), so a client run years back under faketime accepts them.
   * `notary: 'external'`: no notary-server is started; the caller starts one (production-notary.ts:
   * PostgreSQL storage, a remote notary-signer) with the stack's certificate and hands its port to
   * `attachNotary`.
   */
  static async start(
    options: {
      docker?: boolean;
      auth?: { username: string; password: string };
      backdateCertificatesDays?: number;
      notary?: 'memory' | 'external';
    } = {},
  ): Promise<LocalStack> {
    const stack = new LocalStack(mkdtempSync(join(tmpdir(), 'dct-')));
    try {
      stack.makeCertificates(options.backdateCertificatesDays ?? 0);
      if (options.auth) {
        stack.tokens = new TokenServer(stack.dir, options.auth.username, options.auth.password);
        const child = await stack.tokens.start();
        started.add(child);
        stack.children.push(child);
      }
      await Promise.all([
        options.notary === 'external' ? Promise.resolve() : stack.startNotary(),
        stack.startRegistry(),
        options.docker ? stack.startDocker() : Promise.resolve(),
      ]);
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private spawnLogged(command: string, args: string[], logName: string): { child: ChildProcess; log: string } {
    const log = join(this.dir, logName);
    const child = spawn(command, args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => appendFileSync(log, d));
    child.stderr?.on('data', (d: Buffer) => appendFileSync(log, d));
    started.add(child);
    this.children.push(child);
    return { child, log };
  }

  /** A throwaway CA and a certificate for 127.0.0.1 and localhost, for every TLS server of the stack. */
  private makeCertificates(backdateDays: number): void {
    const dir = this.dir;
    const days = String(30 + backdateDays);
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
    openssl(
      ['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=dct-sign test CA', '-days', days, '-out', 'ca.crt'],
      dir,
      backdateDays,
    );
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key'], dir);
    openssl(['req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'server.csr'], dir);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        days,
        '-extfile',
        'ext.cnf',
        '-out',
        'server.crt',
      ],
      dir,
      backdateDays,
    );
  }

  private async startNotary(): Promise<void> {
    const dir = this.dir;
    const config = {
      server: { http_addr: '127.0.0.1:0', tls_key_file: join(dir, 'server.key'), tls_cert_file: join(dir, 'server.crt') },
      trust_service: { type: 'local' },
      storage: { backend: 'memory' },
      logging: { level: 'info' },
      ...(this.tokens
        ? {
            auth: {
              type: 'token',
              options: {
                realm: this.tokens.realm,
                service: 'notary-server',
                issuer: this.tokens.issuer,
                rootcertbundle: this.tokens.certFile,
              },
            },
          }
        : {}),
    };
    writeFileSync(join(dir, 'notary.json'), JSON.stringify(config));
    const { child, log } = this.spawnLogged('notary-server', ['-config', join(dir, 'notary.json')], 'notary.log');
    const ca = readFileSync(this.caFile, 'utf8');
    const https = await import('node:https');
    await waitFor(
      'notary-server',
      () =>
        new Promise<boolean>((resolve) => {
          this.notaryPort = listeningPort(child.pid!) ?? 0;
          if (!this.notaryPort) return resolve(false);
          https
            .get(`${this.notaryUrl}/_notary_server/health`, { ca }, (res) => {
              res.resume();
              resolve(res.statusCode === 200);
            })
            .on('error', () => resolve(false));
        }),
      child,
      log,
    );
    this.trustNotaryCa(ca);
  }

  /** The docker CLI trusts the stack's CA for the notary-server at this port. */
  private trustNotaryCa(ca: string): void {
    mkdirSync(join(this.dockerConfig, 'tls', `127.0.0.1:${this.notaryPort}`), { recursive: true });
    writeFileSync(join(this.dockerConfig, 'tls', `127.0.0.1:${this.notaryPort}`, 'ca.crt'), ca);
  }

  /**
   * A notary-server the caller started (`start({ notary: 'external' })`, with the stack's
   * certificate) becomes the stack's at this port: notaryUrl, the docker CLI's trust of its CA.
   */
  attachNotary(port: number): void {
    this.notaryPort = port;
    this.trustNotaryCa(readFileSync(this.caFile, 'utf8'));
  }

  private async startRegistry(): Promise<void> {
    const auth = this.tokens
      ? `auth: {token: {realm: "${this.tokens.realm}", service: registry, issuer: ${this.tokens.issuer}, rootcertbundle: ${this.tokens.certFile}}}\n`
      : '';
    const config = `version: 0.1\nstorage: {filesystem: {rootdirectory: ${join(this.dir, 'registry')}}, cache: {blobdescriptor: inmemory}}\nhttp: {addr: 127.0.0.1:0}\nlog: {level: warn, accesslog: {disabled: false}}\n${auth}`;
    writeFileSync(join(this.dir, 'registry.yml'), config);
    const { child, log } = this.spawnLogged('docker-registry', ['serve', join(this.dir, 'registry.yml')], 'registry.log');
    await waitFor(
      'docker-registry',
      async () => {
        this.registryPort = listeningPort(child.pid!) ?? 0;
        return this.registryPort !== 0 && [200, 401].includes((await fetch(`http://${this.registry}/v2/`)).status);
      },
      child,
      log,
    );
  }

  private async startDocker(): Promise<void> {
    const d = join(this.dir, 'docker');
    mkdirSync(d, { recursive: true });
    this.dockerSocket = join(d, 'docker.sock');
    const args = [
      '--storage-driver=vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--ip-masq=false',
      `--data-root=${join(d, 'data')}`,
      `--exec-root=${join(d, 'exec')}`,
      `--pidfile=${join(d, 'docker.pid')}`,
      `-H`,
      `unix://${this.dockerSocket}`,
    ];
    const { child, log } = this.spawnLogged('dockerd', args, 'dockerd.log');
    await waitFor(
      'dockerd',
      () => {
        execSync('docker', ['version'], { env: this.env(), stdio: 'pipe' });
        return true;
      },
      child,
      log,
      60_000,
    );
  }

  /** Environment for the docker and notary CLIs against this stack. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_') && !k.startsWith('GITHUB_')) env[k] = v;
    return {
      ...env,
      DOCKER_CONFIG: this.dockerConfig,
      ...(this.dockerSocket ? { DOCKER_HOST: `unix://${this.dockerSocket}` } : {}),
      DOCKER_CONTENT_TRUST_SERVER: this.notaryUrl,
      ...extra,
    };
  }

  docker(args: string[], extra: Record<string, string> = {}): string {
    return execSync('docker', args, { env: this.env(extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dir });
  }

  /** The docker CLI without blocking this process (for servers the test itself runs, such as a proxy). */
  dockerAsync(args: string[], extra: Record<string, string> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('docker', args, { env: this.env(extra), encoding: 'utf8', cwd: this.dir }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  /** The notary CLI (its token auth only prompts on a terminal, so it is not used with `auth`). */
  notary(args: string[], extra: Record<string, string> = {}, input?: Uint8Array): string {
    return execSync('notary', ['-s', this.notaryUrl, '-d', join(this.dir, 'notary-trust'), '--tlscacert', this.caFile, ...args], {
      env: this.env(extra),
      encoding: 'utf8',
      input: input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Makes a unique image and puts it in the registry (and, with `load`, in the Docker engine instead). */
  makeImage(
    repository: string,
    tag: string,
    options: { load?: boolean; content?: string; asIndex?: boolean; format?: 'oci' | 'v2s2' } = {},
  ): { digest: string; size: number } {
    const dir = mkdtempSync(join(this.dir, 'oci-'));
    const image = writeOciImage(dir, tag, options.content ?? `${repository}:${tag} ${Math.random()}`, { asIndex: options.asIndex });
    const ref = `${this.registry}/${repository}:${tag}`;
    if (options.load) {
      const archive = join(dir, 'image.tar');
      execSync('skopeo', ['copy', '-q', `oci:${dir}:${tag}`, `docker-archive:${archive}:${ref}`], { stdio: 'pipe' });
      this.docker(['load', '-q', '-i', archive]);
    } else {
      const creds = this.tokens ? ['--dest-creds', `${this.tokens.username}:${this.tokens.password}`] : [];
      const format = options.format === 'v2s2' ? ['--format', 'v2s2'] : [];
      const all = options.asIndex ? ['--multi-arch', 'all'] : [];
      const args = ['copy', '-q', '--dest-tls-verify=false', ...creds, ...format, ...all, `oci:${dir}:${tag}`, `docker://${ref}`];
      execSync('skopeo', args, { stdio: 'pipe' });
    }
    rmSync(dir, { recursive: true, force: true });
    return { digest: image.manifestDigest, size: image.manifestSize };
  }

  /** Runs the action exactly as a runner does: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, node dist/index.js. */
  runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const runDir = mkdtempSync(join(this.dir, 'run-'));
    const outputFile = join(runDir, 'output');
    const summaryFile = join(runDir, 'summary');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const env: NodeJS.ProcessEnv = {
      ...this.env(),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runDir,
      ...extraEnv,
    };
    delete env.DOCKER_CONTENT_TRUST_SERVER;
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    return new Promise((resolve, reject) => {
      const child = spawn(ACTION_NODE, [ACTION], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      started.add(child); // killed at exit if a test times out while it runs
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        started.delete(child);
        resolve({
          exitCode: code ?? -1,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
          errors: stdout.split('\n').filter((l) => l.startsWith('::error')),
        });
      });
    });
  }

  /** Every request URI the Notary server logged, in order. */
  notaryRequests(): string[] {
    if (!existsSync(this.notaryLog)) return [];
    return readFileSync(this.notaryLog, 'utf8')
      .split('\n')
      .filter((l) => l.includes('response completed'))
      .map((l) => /"http\.request\.uri":"([^"]+)"/.exec(l)?.[1] ?? '');
  }

  /** Count of multipart POSTs the Notary server answered for a GUN (from its request log). */
  publishCount(gun: string): number {
    if (!existsSync(this.notaryLog)) return 0;
    return readFileSync(this.notaryLog, 'utf8')
      .split('\n')
      .filter(
        (l) => l.includes('"http.request.method":"POST"') && l.includes(`"/v2/${gun}/_trust/tuf/"`) && l.includes('response completed'),
      ).length;
  }

  /** Waits until the servers' logs hold every request made so far: each line reaches its file a moment after the request. */
  logsSettled(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 500));
  }

  /** Every request the registry logged ("HEAD /v2/a/manifests/v1"), in order (its access log); after logsSettled for the latest. */
  registryRequests(): string[] {
    const log = join(this.dir, 'registry.log');
    if (!existsSync(log)) return [];
    return [...readFileSync(log, 'utf8').matchAll(/"([A-Z]+) (\/v2\/[^ "]*) HTTP\/[0-9.]+"/g)].map((m) => `${m[1]} ${m[2]}`);
  }

  /** Points more tags at a tag's manifest through the registry API: many signed tags without building an image each. */
  async addTags(repository: string, tag: string, newTags: readonly string[]): Promise<void> {
    const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
    const res = await fetch(`http://${this.registry}/v2/${repository}/manifests/${tag}`, { headers: { accept } });
    const type = res.headers.get('content-type') ?? '';
    const body = new Uint8Array(await res.arrayBuffer());
    for (let i = 0; i < newTags.length; i += 16) {
      await Promise.all(
        newTags.slice(i, i + 16).map(async (t) => {
          const put = await fetch(`http://${this.registry}/v2/${repository}/manifests/${t}`, {
            method: 'PUT',
            headers: { 'content-type': type },
            body,
          });
          if (put.status !== 201) throw new Error(`tagging ${repository}:${t}: ${put.status}`);
        }),
      );
    }
  }

  /** The manifest bytes the registry serves for a tag (what DCT signs), for `notary verify`. */
  async manifestBytes(repository: string, tag: string): Promise<Uint8Array> {
    const res = await fetch(`http://${this.registry}/v2/${repository}/manifests/${tag}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
    });
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Writes registry credentials into the docker config, as `docker login` would. */
  dockerLogin(username: string, password: string): void {
    mkdirSync(this.dockerConfig, { recursive: true });
    writeFileSync(
      join(this.dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [this.registry]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              started.delete(child);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    if (this.dockerSocket) {
      // dockerd's vfs layers can be large; the temp dir goes with the stack.
      execSync('rm', ['-rf', this.dir]);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** GITHUB_OUTPUT's `name<<delimiter` / `name=value` format. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}
