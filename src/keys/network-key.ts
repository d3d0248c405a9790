import type { ProxySettings } from '../http/proxy.js';

/** What every key behind a network (cloud KMS, Vault) keeps to: the command's limits and the run's proxy. */
export interface NetworkKeyOptions {
  /** Each request's deadline (the SDKs set none of their own). */
  requestTimeoutMs?: number;
  /** The command's abort: requests in flight stop with it. */
  signal?: AbortSignal;
  proxy: ProxySettings;
}
