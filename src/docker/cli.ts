import { spawn } from 'node:child_process';
import { DockerError } from '../errors.js';

/** What `docker push` reports for the manifest it pushed. */
export interface PushResult {
  digest: string;
  size: number;
}

export interface DockerCliOptions {
  /** The docker binary (a name on PATH or a path). */
  path: string;
  /** The whole environment docker runs with: its config, daemon and proxy settings, none of our secrets. */
  env: Record<string, string>;
  /** The command's deadline: docker is stopped when it passes. */
  signal?: AbortSignal;
  /** Where docker's own output goes (the job log). */
  log?: (chunk: string) => void;
}

/** The tail of docker's output kept for messages and the digest line. */
const MAX_OUTPUT = 64 * 1024;

/**
 * The docker CLI, for `push: true`. Content trust is forced off for the push itself: docker would
 * otherwise try to sign on its own, with keys it does not have.
 */
export class DockerCli {
  constructor(private readonly options: DockerCliOptions) {}

  async push(reference: string): Promise<PushResult> {
    const { exitCode, stdout, stderr } = await this.run(['push', reference]);
    if (exitCode !== 0) {
      const last = (stderr || stdout).trim().split('\n').pop() ?? '';
      throw new DockerError('DOCKER_PUSH_FAILED', `docker push ${reference} failed (exit ${exitCode}): ${last}`);
    }
    const m = /digest: (sha256:[a-f0-9]{64}) size: (\d+)/.exec(stdout);
    if (!m) throw new DockerError('DOCKER_PUSH_FAILED', `docker push ${reference} did not report a digest and size`);
    return { digest: m[1]!, size: Number(m[2]) };
  }

  private run(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const { path, env, signal, log } = this.options;
    return new Promise((resolve, reject) => {
      const child = spawn(path, args, { env: { ...env, DOCKER_CONTENT_TRUST: '0' }, stdio: ['ignore', 'pipe', 'pipe'], signal });
      let stdout = '';
      let stderr = '';
      const keep = (text: string, chunk: string) => (text + chunk).slice(-MAX_OUTPUT);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout = keep(stdout, chunk.toString());
        log?.(chunk.toString());
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = keep(stderr, chunk.toString());
        log?.(chunk.toString());
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        const why = error.name === 'AbortError' ? "stopped: the command's deadline passed" : error.message;
        reject(new DockerError('DOCKER_UNAVAILABLE', `cannot run ${path} ${args[0]}: ${why}`, { cause: error }));
      });
      child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
    });
  }
}
