import { defineScenario, kill } from 'faultline';

/**
 * One of three app replicas dies (SIGKILL) under steady load. HAProxy's HTTP health checks and
 * redispatch should route around it within about a second, so clients barely notice.
 */
export default defineScenario({
  name: 'app-replica-kill',
  description: 'Kill one of three app replicas at 10s under 200 req/s; the load balancer routes around it.',
  stack: { app: { replicas: 3 } },
  load: { rate: 200, duration: '30s', mix: { read: 0.8, write: 0.2 }, timeout: '1s' },
  timeline: [{ at: '10s', fault: kill('app-1') }],
  slo: {
    availability: '99%',
    longestOutage: '2s',
    thresholds: {
      http_req_failed: ['rate<0.01'],
      'http_req_duration{phase:before}': ['p(99)<250'],
    },
  },
});
