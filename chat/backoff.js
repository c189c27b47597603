// How long the page waits before each reconnect attempt: exponential, capped, with jitter, never a tight loop.

/** The first wait's ceiling; each failed attempt doubles it. */
export const BASE_MS = 500;
/** No wait is longer than this. */
export const CAP_MS = 30_000;

/**
 * The wait before reconnect attempt `attempt` (0 for the first): "equal jitter", a random point in the upper half
 * of min(CAP_MS, BASE_MS * 2^attempt). The lower half is never used, so even a server that closes every connection
 * at once is retried at most twice a second, then less and less often; the randomness keeps many pages that lost the
 * same server from all coming back in the same instant.
 *
 * @param {number} attempt 0, 1, 2, ...
 * @param {() => number} random a number in [0, 1), Math.random by default
 */
export function reconnectDelay(attempt, random = Math.random) {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 20);
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
