import { defineScenario, partition } from 'faultline';

/**
 * The apps lose the database for 5 s (every app->db-1 link black-holed, both ways). Writes must
 * fail for the duration; cached reads keep working; once the partition heals, service must be
 * fully back within 2 s.
 */
export default defineScenario({
  name: 'db-link-partition',
  description: 'Partition app-1/app-2 from db-1 for 5s; writes fail meanwhile, full recovery within 2s of the heal.',
  stack: { app: { replicas: 2 } },
  load: { rate: 200, duration: '30s', mix: { read: 0.9, write: 0.1 }, timeout: '1s' },
  timeline: [{ at: '12s', fault: partition(['app-1', 'app-2'], ['db-1'], { duration: '5s' }) }],
  slo: {
    recoveryAfterHeal: '2s',
    thresholds: {
      // The partition is real: writes do not get through while it lasts. (Not all of them fail:
      // writes sent in its last second wait it out and succeed right after the heal, inside their
      // 1 s timeout — about a fifth of the 5 s.)
      'http_req_failed{phase:during,op:write}': ['rate>0.7'],
      'http_req_failed{phase:before}': ['rate<0.001'],
      'http_req_failed{phase:after}': ['rate<0.001'],
    },
  },
});
