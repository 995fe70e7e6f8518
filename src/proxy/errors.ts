/**
 * An error the HTTP API reports as `{"error": message, "status": status}`, exactly as Toxiproxy's
 * `ApiError` (messages and statuses are part of the wire contract, clients match on them).
 */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }

  /** `joinError`: the same status, with `: detail` appended to the message. */
  withDetail(detail: string): ApiError {
    return new ApiError(`${this.message}: ${detail}`, this.status);
  }
}

/** Toxiproxy's error catalogue (`api.go`). */
export const apiErrors = {
  badRequestBody: new ApiError('bad request body', 400),
  missingField: new ApiError('missing required field', 400),
  proxyNotFound: new ApiError('proxy not found', 404),
  proxyAlreadyExists: new ApiError('proxy already exists', 409),
  invalidStream: new ApiError('stream was invalid, can be either upstream or downstream', 400),
  invalidToxicType: new ApiError('invalid toxic type', 400),
  toxicAlreadyExists: new ApiError('toxic already exists', 409),
  toxicNotFound: new ApiError('toxic not found', 404),
} as const;

/** Any other failure (a bind error, a bad listen address) is a 500 with the error's own message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(error instanceof Error ? error.message : String(error), 500);
}

/** Stable codes of {@link ProxyServerError}. */
export type ProxyServerErrorCode = 'PROXY_CONFIG_INVALID' | 'PROXY_API_LISTEN_FAILED' | 'PROXY_POPULATE_FAILED';

/** A failure of the server itself (not of one API call), with a stable `code` and a hint. */
export class ProxyServerError extends Error {
  constructor(
    message: string,
    readonly code: ProxyServerErrorCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ProxyServerError';
  }
}
