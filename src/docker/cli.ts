import { getExecOutput } from '@actions/exec';
import { DctError } from '../errors.js';

/**
 * The docker CLI, for `push: true`. Content trust is forced off for the push itself: docker would
 * otherwise try to sign on its own, with keys it does not have.
 */
export interface PushResult {
  digest: string;
  size: number;
}

export async function dockerPush(reference: string, docker = process.env.DCT_SIGN_DOCKER || 'docker'): Promise<PushResult> {
  let output;
  try {
    output = await getExecOutput(docker, ['push', reference], {
      env: { ...(process.env as Record<string, string>), DOCKER_CONTENT_TRUST: '0' },
      ignoreReturnCode: true,
      silent: false,
    });
  } catch (error) {
    throw new DctError('docker', `cannot run ${docker}: ${(error as Error).message}`);
  }
  if (output.exitCode !== 0) {
    const last = (output.stderr || output.stdout).trim().split('\n').pop() ?? '';
    throw new DctError('docker', `docker push ${reference} failed (exit ${output.exitCode}): ${last}`);
  }
  const m = /digest: (sha256:[a-f0-9]{64}) size: (\d+)/.exec(output.stdout);
  if (!m) throw new DctError('docker', `docker push ${reference} did not report a digest and size`);
  return { digest: m[1]!, size: Number(m[2]) };
}
