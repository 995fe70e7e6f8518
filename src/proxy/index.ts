/**
 * faultline's fault proxy: a Toxiproxy-compatible server (HTTP API of Toxiproxy 2.12 plus TCP
 * proxies with toxics). Imports only Node built-ins, so it also runs as `dist/proxy/standalone.js`
 * inside containers with Node 18.
 */
export { startProxyServer, DEFAULT_PROXY_VERSION } from './server.js';
export type { ProxyServerOptions, ProxyServerStats, StartedProxyServer } from './server.js';
export { loadProxyConfig } from './config.js';
export type { ProxyConfigEntry } from './config.js';
export { ApiError, ProxyServerError } from './errors.js';
export type { ProxyServerErrorCode } from './errors.js';
