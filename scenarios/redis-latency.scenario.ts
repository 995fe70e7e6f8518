import { defineScenario, latency } from 'faultline';

/**
 * 50 ms of latency on every link from the apps to Redis for 10 s. Reads go through the cache, so
 * their latency should rise by about 50 ms while nothing fails; writes never touch Redis.
 */
export default defineScenario({
  name: 'redis-latency',
  description: 'Add 50ms latency on app->redis links for 10s; reads slow down by ~50ms, availability holds.',
  stack: { app: { replicas: 2 } },
  load: { rate: 200, duration: '30s', mix: { read: 0.9, write: 0.1 }, timeout: '1s' },
  timeline: [{ at: '10s', fault: latency('redis', 50, { duration: '10s' }) }],
  slo: {
    availability: '99.5%',
    thresholds: {
      'http_req_duration{phase:before,op:read}': ['p(99)<45'],
      // The injected latency shows: reads are ~50 ms slower, and not much more than that.
      'http_req_duration{phase:during,op:read}': ['p(50)>=45', 'p(99)<150'],
      'http_req_duration{phase:after,op:read}': ['p(99)<45'],
    },
  },
});
