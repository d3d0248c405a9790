/** Error areas; each thrown error names one, so the action layer can report it in one line. */
export type ErrorArea = 'input' | 'key' | 'registry' | 'notary' | 'verification' | 'docker';

/** Base error of dct-sign: a code that says where it came from, a message that says what to do. */
export class DctError extends Error {
  constructor(
    readonly area: ErrorArea,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DctError';
  }
}

/** A bad action input: the message names the input and what was expected. */
export class InputError extends DctError {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super('input', `input '${input}': ${message}`);
    this.name = 'InputError';
  }
}

export class KeyError extends DctError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('key', message, options);
    this.name = 'KeyError';
  }
}

export class RegistryError extends DctError {
  constructor(
    message: string,
    /** The tag has no manifest in the registry. */
    readonly notFound = false,
  ) {
    super('registry', message);
    this.name = 'RegistryError';
  }
}

export class NotaryError extends DctError {
  /** `status` is undefined when the server could not be reached at all. */
  constructor(
    message: string,
    readonly status?: number,
    readonly serverCode?: string,
  ) {
    super('notary', message);
    this.name = 'NotaryError';
  }
}

/** Trust data that does not verify: never retried, never worked around. */
export class VerificationError extends DctError {
  constructor(message: string) {
    super('verification', message);
    this.name = 'VerificationError';
  }
}

/** One line for the job log, whatever was thrown. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}
