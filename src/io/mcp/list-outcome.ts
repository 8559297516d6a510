import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';

/** JSON-RPC "Method not found": the server does not implement the request. */
const METHOD_NOT_FOUND = -32601;

/**
 * How a failed list request is taken, without reading any message:
 * - `unsupported`: the server answered -32601 (it does not implement this list);
 * - `failed`: the server answered with another JSON-RPC error, or with a result that is not a valid
 *   list: this list is missing, the other lists are kept (a finding names it);
 * - `fatal`: the session itself is gone (closed, timed out, a cap was hit): nothing more can be listed.
 */
export type ListErrorClass = 'unsupported' | 'failed' | 'fatal';

export function classifyListError(err: unknown): ListErrorClass {
  if (err instanceof ProtocolError) return err.code === METHOD_NOT_FOUND ? 'unsupported' : 'failed';
  if (err instanceof SdkError)
    return err.code === SdkErrorCode.InvalidResult || err.code === SdkErrorCode.UnsupportedResultType
      ? 'failed'
      : 'fatal';
  return 'fatal';
}

/** The JSON-RPC error code of a server's error answer, if the error is one. */
export function protocolErrorCode(err: unknown): number | undefined {
  return err instanceof ProtocolError ? err.code : undefined;
}
