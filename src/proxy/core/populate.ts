import { apiErrors, toApiError, type ApiError } from '../errors.js';
import type { Proxy } from './proxy.js';
import type { ProxyCollection } from './proxy-collection.js';

/** One entry of a populate request or `-config` file; `enabled` omitted or null means true. */
export interface PopulateEntry {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled?: boolean | null;
}

/** The proxies populated so far and, if it stopped early, why. */
export interface PopulateOutcome {
  readonly proxies: readonly Proxy[];
  readonly error?: ApiError;
}

/**
 * Toxiproxy's `PopulateJson`: every entry is checked first (a missing name or upstream rejects
 * the whole request, naming the 1-based entry); then each is added or replaced in order, stopping
 * at the first failure with the ones already done kept. Proxies not listed are left alone.
 */
export async function populate(collection: ProxyCollection, entries: readonly PopulateEntry[]): Promise<PopulateOutcome> {
  for (const [index, entry] of entries.entries()) {
    if (entry.name === '') return { proxies: [], error: apiErrors.missingField.withDetail(`name at proxy ${index + 1}`) };
    if (entry.upstream === '') return { proxies: [], error: apiErrors.missingField.withDetail(`upstream at proxy ${index + 1}`) };
  }
  const done: Proxy[] = [];
  for (const entry of entries) {
    try {
      done.push(
        await collection.addOrReplace({
          name: entry.name,
          listen: entry.listen,
          upstream: entry.upstream,
          enabled: entry.enabled ?? true,
        }),
      );
    } catch (error) {
      return { proxies: done, error: toApiError(error) };
    }
  }
  return { proxies: done };
}
