import type { ProxyCollection } from '../core/proxy-collection.js';
import { populateProxies, proxyCreate, proxyDelete, proxyIndex, proxyShow, proxyUpdate, resetState, version } from './proxy-handlers.js';
import type { Reply } from './reply.js';
import type { RouteName } from './routes.js';
import { toxicCreate, toxicDelete, toxicIndex, toxicShow, toxicUpdate } from './toxic-handlers.js';

/** Everything a handler may use. */
export interface ApiState {
  readonly collection: ProxyCollection;
  readonly version: string;
}

/** Runs the handler of a matched route. Throws `ApiError` (or any error → 500). */
export async function dispatch(state: ApiState, route: RouteName, params: Readonly<Record<string, string>>, body: Buffer): Promise<Reply> {
  const { collection } = state;
  const proxy = params['proxy'] ?? '';
  const toxic = params['toxic'] ?? '';
  switch (route) {
    case 'ResetState':
      return resetState(collection);
    case 'ProxyIndex':
      return proxyIndex(collection);
    case 'ProxyCreate':
      return proxyCreate(collection, body);
    case 'Populate':
      return populateProxies(collection, body);
    case 'ProxyShow':
      return proxyShow(collection, proxy);
    case 'ProxyUpdate':
      return proxyUpdate(collection, proxy, body);
    case 'ProxyDelete':
      return proxyDelete(collection, proxy);
    case 'ToxicIndex':
      return toxicIndex(collection, proxy);
    case 'ToxicCreate':
      return toxicCreate(collection, proxy, body);
    case 'ToxicShow':
      return toxicShow(collection, proxy, toxic);
    case 'ToxicUpdate':
      return toxicUpdate(collection, proxy, toxic, body);
    case 'ToxicDelete':
      return toxicDelete(collection, proxy, toxic);
    case 'Version':
      return version(state.version);
  }
}
