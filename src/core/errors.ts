/**
 * Errors are for runs that could not do their job (bad input, unreachable registry, a server that
 * would not start). A problem found in what was checked is a Finding, not an error.
 */
export type ErrorCode =
  | 'USAGE' // bad command line
  | 'INVALID_SPEC' // a package spec that cannot be parsed
  | 'INVALID_FILE' // an input file that is not what it should be (JSON, schema)
  | 'NOT_FOUND' // package, version or file does not exist
  | 'WORKSPACE_MISSING' // no allowlist/snapshots where expected
  | 'NOT_PINNED' // a command needs a pin that is not there
  | 'VERIFICATION_FAILED' // add/approve refused: the candidate failed a check
  | 'INTEGRITY_MISMATCH' // bytes served do not match the integrity they were asked for
  | 'PIN_MISMATCH' // run: the version asked is not the pinned one
  | 'EVIDENCE_INVALID' // run: the pin's stored evidence does not verify
  | 'CACHE_TAMPERED' // run: the cached install differs from what was installed for the pin
  | 'REGISTRY_UNREACHABLE' // network errors, 5xx after retries
  | 'REGISTRY_ERROR' // other registry answers we cannot use (401/403, invalid packument)
  | 'TRUST_MATERIAL' // trust root or keys missing or outdated
  | 'WORKSPACE_BUSY' // another run holds the workspace lock
  | 'WRITE_FAILED' // a file could not be written
  | 'SERVER_FAILED' // a snapshotted server would not start, crashed or spoke garbage
  | 'TIMEOUT'
  | 'INTERNAL';

/** Exit codes from DESIGN.md: 1 failed verification, 2 usage or invalid input, 3 could not complete. */
const EXIT_BY_CODE: Record<ErrorCode, 1 | 2 | 3> = {
  USAGE: 2,
  INVALID_SPEC: 2,
  INVALID_FILE: 2,
  NOT_FOUND: 2,
  WORKSPACE_MISSING: 2,
  NOT_PINNED: 2,
  VERIFICATION_FAILED: 1,
  INTEGRITY_MISMATCH: 1,
  PIN_MISMATCH: 1,
  EVIDENCE_INVALID: 1,
  CACHE_TAMPERED: 1,
  REGISTRY_UNREACHABLE: 3,
  REGISTRY_ERROR: 3,
  TRUST_MATERIAL: 3,
  WORKSPACE_BUSY: 3,
  WRITE_FAILED: 3,
  SERVER_FAILED: 3,
  TIMEOUT: 3,
  INTERNAL: 3,
};

/** Whether a code read back from data (a stage failure) is one of ours. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(EXIT_BY_CODE, code);
}

/** A value of an error's details: a name, a number, or lines (a server's last stderr lines). */
export type ErrorDetail = string | number | readonly string[];

export class VetError extends Error {
  readonly code: ErrorCode;
  /** Extra data for JSON output (file, field, package, registry, a server's stderr lines…). Never holds secrets. */
  readonly details: Readonly<Record<string, ErrorDetail>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, ErrorDetail> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VetError';
    this.code = code;
    this.details = options.details ?? {};
  }

  get exitCode(): 1 | 2 | 3 {
    return EXIT_BY_CODE[this.code];
  }
}

export function isVetError(err: unknown): err is VetError {
  return err instanceof VetError;
}

/** Wraps anything thrown by third-party code so that the CLI always has a code and exit status. */
export function toVetError(err: unknown, fallback: ErrorCode = 'INTERNAL', message?: string): VetError {
  if (isVetError(err)) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new VetError(fallback, message ? `${message}: ${text}` : text, { cause: err });
}

export function exitCodeForError(err: unknown): 1 | 2 | 3 {
  return isVetError(err) ? err.exitCode : 3;
}
