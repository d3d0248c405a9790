/**
 * Timing one process of the bench: wall time, its peak RSS (VmHWM, sampled from /proc every 20 ms),
 * its CPU time and that of the stack's servers over the same span. Every process runs without
 * blocking the event loop: the stack's servers log to pipes this process drains, and a synchronous
 * loop of peer commands would let those pipes fill and stall the servers.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields of /proc/PID/stat after the command name; field n of proc(5) is at index n - 3. */
function statFields(pid: number | 'self'): number[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a live process. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (f[14 - 3]! + f[15 - 3]!) / CLOCK_TICKS : 0;
}

/** CPU seconds of every child this process has waited for (cutime + cstime): exact for a finished child. */
function reapedChildrenCpu(): number {
  const f = statFields('self')!;
  return (f[16 - 3]! + f[17 - 3]!) / CLOCK_TICKS;
}

/** The stack's long-running servers whose CPU a measurement reports. */
export type Servers = Record<string, ChildProcess>;

export interface Measured {
  ms: number;
  exitCode: number;
  stdout: string;
  /** The last lines of stdout and stderr, for an error message. */
  tail: string;
  /** Peak RSS (VmHWM) of the process itself, in MB; 0 when it ended before the first sample. */
  peakMb: number;
  /** CPU seconds of the process and everything it waited for (a script's curl and notary). */
  cpu: number;
  /** CPU seconds each server used over the same span. */
  serverCpu: Record<string, number>;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  servers?: Servers;
  /** Sample VmHWM (for dct-sign's own node process). */
  sampleRss?: boolean;
}

/** Runs one command to its end, measured. */
export function measure(file: string, args: readonly string[], options: RunOptions = {}): Promise<Measured> {
  const servers = Object.entries(options.servers ?? {});
  const serverStart = servers.map(([, child]) => cpuSeconds(child.pid!));
  const cpuStart = reapedChildrenCpu();
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      tail = (tail + d.toString()).slice(-4000);
    });
    child.stderr.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
    let peakKb = 0;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // not started yet, or gone
      }
    };
    const sampler = options.sampleRss ? setInterval(sample, 20) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      clearInterval(sampler);
      resolve({
        ms,
        exitCode: code ?? -1,
        stdout,
        tail: tail.split('\n').slice(-8).join('\n'),
        peakMb: peakKb / 1024,
        cpu: reapedChildrenCpu() - cpuStart,
        serverCpu: Object.fromEntries(servers.map(([name, c], i) => [name, cpuSeconds(c.pid!) - serverStart[i]!])),
      });
    });
  });
}

/** As `measure`, failing with the command's last lines unless it exits 0. */
export async function measureOk(what: string, file: string, args: readonly string[], options: RunOptions = {}): Promise<Measured> {
  const run = await measure(file, args, options);
  if (run.exitCode !== 0) throw new Error(`${what} failed (exit ${run.exitCode}):\n${run.tail}`);
  return run;
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** "1.23 s", or "456 ms" below a second. */
export const duration = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** One line on where a run's CPU went: "cpu: client 1.10 s, registry 0.80 s, notary-server 0.05 s". */
export function cpuLine(run: Measured, client = 'client'): string {
  const parts = [`${client} ${run.cpu.toFixed(2)} s`, ...Object.entries(run.serverCpu).map(([name, s]) => `${name} ${s.toFixed(2)} s`)];
  return `cpu: ${parts.join(', ')}`;
}
