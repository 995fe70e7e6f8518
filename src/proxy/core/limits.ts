/** Tuning constants of the proxy core, in one place. */

/** Give up dialling the upstream after this long; the client then sees accept-then-close. */
export const UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Bytes a direction may hold (in toxic queues plus the destination socket's buffer) before the
 * proxy stops reading its source. Bounds memory for clients that never read while leaving room
 * for a latency toxic to keep a fast stream in flight.
 */
export const LINK_HIGH_WATER_BYTES = 4 * 1024 * 1024;

/** Reading resumes once the held bytes fall to this. */
export const LINK_LOW_WATER_BYTES = 1024 * 1024;

/** A socket closed by a toxic gets this long to flush what it was sent before it is destroyed. */
export const CLOSE_FLUSH_TIMEOUT_MS = 5_000;

/** TCP keep-alive probe delay, Go's default for dialled and accepted connections. */
export const TCP_KEEPALIVE_MS = 15_000;
