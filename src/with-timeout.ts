/** Thrown when an external call did not finish in time. */
export class TimeoutError extends Error {
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`${what} did not finish within ${timeoutMs}ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * `work`, or a {@link TimeoutError} after `timeoutMs`: every call faultline makes to something
 * outside itself (Docker, the fault proxy, a reporter) is bounded, so one that hangs cannot hold
 * a run, its teardown or Ctrl-C hostage. The work itself is not cancelled; its result is ignored.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
  });
  work.catch(() => undefined); // a rejection after the timeout must not go unhandled
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
