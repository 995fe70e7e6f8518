/** Tuning constants of the proxy core, in one place. */

/** Give up dialling the upstream after this long; the client then sees accept-then-close. */
export const UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;

/** The most a socket read hands over at once (libuv reads into 64 KiB buffers). */
export const READ_CHUNK_BYTES = 64 * 1024;

/**
 * Bytes a direction may hold (in toxic queues plus the destination socket's buffer) before the
 * proxy stops reading its source: one read's worth. A pass-through link, or one whose
 * destination does not read, holds this plus the chunk its paused source has buffered, about
 * what Toxiproxy holds in its 32 KB chunks. Toxics that need more say so
 * (`ToxicKind.queueBytes`, `ToxicKind.inFlightBytes`).
 */
export const LINK_HIGH_WATER_BYTES = READ_CHUNK_BYTES;

/** Reading resumes once the held bytes fall to this share of the direction's limit. */
export const LINK_LOW_WATER_RATIO = 0.5;

/** What a pacing toxic (bandwidth, slicer) may queue: the chunk it paces and the next one. */
export const PACING_QUEUE_BYTES = 2 * READ_CHUNK_BYTES;

/**
 * What a latency toxic may keep in flight at most (data read, waiting out its delay). It is
 * earned as the destination takes data (see `Link`), so a fast stream gets up to this much per
 * latency period and a destination that does not read keeps a few chunks.
 */
export const LATENCY_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/**
 * Bytes the server's connections may read in one event-loop turn before bulk streams wait for
 * the next (see `ReadTurns`). Small enough that a turn lasts a millisecond or two, large enough
 * that one stream still moves hundreds of MB/s.
 */
export const TURN_BUDGET_BYTES = 1024 * 1024;

/** A socket closed by a toxic gets this long to flush what it was sent before it is destroyed. */
export const CLOSE_FLUSH_TIMEOUT_MS = 5_000;

/** TCP keep-alive probe delay, Go's default for dialled and accepted connections. */
export const TCP_KEEPALIVE_MS = 15_000;
