import { getExecOutput } from '@actions/exec';
import { DockerError } from '../errors.js';

/** What `docker push` reports for the manifest it pushed. */
export interface PushResult {
  digest: string;
  size: number;
}

export interface DockerCliOptions {
  /** The docker binary (a name on PATH or a path). */
  path: string;
  /** The environment docker runs with (its config, host, and proxy settings come from here). */
  env: Record<string, string>;
}

/**
 * The docker CLI, for `push: true`. Content trust is forced off for the push itself: docker would
 * otherwise try to sign on its own, with keys it does not have.
 */
export class DockerCli {
  constructor(private readonly options: DockerCliOptions) {}

  async push(reference: string): Promise<PushResult> {
    const docker = this.options.path;
    let output;
    try {
      output = await getExecOutput(docker, ['push', reference], {
        env: { ...this.options.env, DOCKER_CONTENT_TRUST: '0' },
        ignoreReturnCode: true,
        silent: false,
      });
    } catch (error) {
      throw new DockerError('DOCKER_UNAVAILABLE', `cannot run ${docker}: ${(error as Error).message}`, { cause: error });
    }
    if (output.exitCode !== 0) {
      const last = (output.stderr || output.stdout).trim().split('\n').pop() ?? '';
      throw new DockerError('DOCKER_PUSH_FAILED', `docker push ${reference} failed (exit ${output.exitCode}): ${last}`);
    }
    const m = /digest: (sha256:[a-f0-9]{64}) size: (\d+)/.exec(output.stdout);
    if (!m) throw new DockerError('DOCKER_PUSH_FAILED', `docker push ${reference} did not report a digest and size`);
    return { digest: m[1]!, size: Number(m[2]) };
  }
}
