/** The API's routes, as Toxiproxy registers them on its gorilla/mux router. */
export type RouteName =
  | 'ResetState'
  | 'ProxyIndex'
  | 'ProxyCreate'
  | 'Populate'
  | 'ProxyShow'
  | 'ProxyUpdate'
  | 'ProxyDelete'
  | 'ToxicIndex'
  | 'ToxicCreate'
  | 'ToxicShow'
  | 'ToxicUpdate'
  | 'ToxicDelete'
  | 'Version';

interface RouteDef {
  readonly pattern: readonly string[];
  readonly methods: readonly string[];
  readonly name: RouteName;
}

const ROUTES: readonly RouteDef[] = [
  { pattern: ['reset'], methods: ['POST'], name: 'ResetState' },
  { pattern: ['proxies'], methods: ['GET'], name: 'ProxyIndex' },
  { pattern: ['proxies'], methods: ['POST'], name: 'ProxyCreate' },
  { pattern: ['populate'], methods: ['POST'], name: 'Populate' },
  { pattern: ['proxies', '{proxy}'], methods: ['GET'], name: 'ProxyShow' },
  { pattern: ['proxies', '{proxy}'], methods: ['POST', 'PATCH'], name: 'ProxyUpdate' },
  { pattern: ['proxies', '{proxy}'], methods: ['DELETE'], name: 'ProxyDelete' },
  { pattern: ['proxies', '{proxy}', 'toxics'], methods: ['GET'], name: 'ToxicIndex' },
  { pattern: ['proxies', '{proxy}', 'toxics'], methods: ['POST'], name: 'ToxicCreate' },
  { pattern: ['proxies', '{proxy}', 'toxics', '{toxic}'], methods: ['GET'], name: 'ToxicShow' },
  { pattern: ['proxies', '{proxy}', 'toxics', '{toxic}'], methods: ['POST', 'PATCH'], name: 'ToxicUpdate' },
  { pattern: ['proxies', '{proxy}', 'toxics', '{toxic}'], methods: ['DELETE'], name: 'ToxicDelete' },
  { pattern: ['version'], methods: ['GET'], name: 'Version' },
];

/** The outcome of matching a request. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly name: RouteName; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'methodNotAllowed' }
  | { readonly kind: 'notFound' };

/** Matches a decoded, cleaned path; `{var}` segments match any non-empty segment. */
export function matchRoute(method: string, path: string): RouteMatch {
  const segments = path.split('/').slice(1);
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, segments);
    if (params === undefined) continue;
    if (route.methods.includes(method)) return { kind: 'route', name: route.name, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] ?? '';
    const got = segments[i] ?? '';
    if (want.startsWith('{')) {
      if (got === '') return undefined;
      params[want.slice(1, -1)] = got;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

/**
 * gorilla/mux's `cleanPath`: resolves `.`/`..` and repeated slashes, keeps a trailing slash.
 * A request whose path is not clean is redirected (301) to the clean one.
 */
export function cleanPath(path: string): string {
  if (path === '') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  const out: string[] = [];
  for (const segment of rooted.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  let cleaned = `/${out.join('/')}`;
  if (rooted.endsWith('/') && cleaned !== '/') cleaned += '/';
  return cleaned;
}
