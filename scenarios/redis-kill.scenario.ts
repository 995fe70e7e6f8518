import { defineScenario, kill } from 'faultline';

/**
 * The cache dies for 10 s. The app must degrade to the database (short Redis timeouts and a
 * circuit breaker, not ioredis's default ~10 s stall), and pick the cache up again when Redis is back.
 */
export default defineScenario({
  name: 'redis-kill',
  description: 'Kill Redis at 10s, restart it 10s later; reads fall back to MariaDB, availability ≥ 99.5%, p99 bounded.',
  stack: { app: { replicas: 2 } },
  load: { rate: 200, duration: '35s', mix: { read: 0.9, write: 0.1 }, timeout: '1s' },
  timeline: [{ at: '10s', fault: kill('redis', { restartAfter: '10s' }) }],
  slo: {
    availability: '99.5%',
    thresholds: {
      // Without the cache every read costs a database round trip, but never a stall.
      'http_req_duration{phase:during}': ['p(99)<250'],
      'http_req_duration{phase:after}': ['p(99)<100'],
    },
  },
});
