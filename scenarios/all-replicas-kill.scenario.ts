import { defineScenario, kill } from 'faultline';

/**
 * Every app replica dies at once and comes back only after 5 s: nothing can route around that,
 * so this scenario must miss its SLOs and exit 99. It shows what a failing gate looks like.
 */
export default defineScenario({
  name: 'all-replicas-kill',
  description: 'Kill both app replicas at 5s (restart after 5s); availability must drop below 99% → exit 99.',
  stack: { app: { replicas: 2 } },
  load: { rate: 100, duration: '20s', timeout: '1s' },
  timeline: [
    { at: '5s', fault: kill('app-1', { restartAfter: '5s' }) },
    { at: '5s', fault: kill('app-2', { restartAfter: '5s' }) },
  ],
  slo: {
    availability: '99%',
    longestOutage: '2s',
  },
});
