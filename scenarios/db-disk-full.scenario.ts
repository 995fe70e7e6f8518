import { defineScenario, diskFull } from 'faultline';

/**
 * A full disk under load. db-1's binary logs live on a 64 MiB file system; at 10 s a ballast file
 * takes all of its free space, and 10 s later the ballast is removed. MariaDB does not fail the
 * commits that find the binlog full: they wait for space, and the waiting ones go through at the
 * server's next retry, up to 60 s after the first wait began, not when the space comes back. So
 * writes stall for about a minute; a write that timed out meanwhile is unknown (it may commit
 * later), never failed. Reads do not touch the binlog and carry on.
 *
 * PASSED means: reads held (under 1 % of them failed, the whole run), writes came back within
 * 75 s of the disk filling (RTO, printed as the time the disk was full plus the time writes took
 * to resume after the space was freed), and no acknowledged write was lost.
 */
export default defineScenario({
  name: 'db-disk-full',
  description: "Fill db-1's binlog disk for 10s under load, then free it; passes when reads hold, writes resume within 75s and nothing acknowledged is lost.",
  stack: { app: { replicas: 2 } },
  load: { rate: 50, duration: '90s', mix: { read: 0.95, write: 0.05 }, timeout: '1s' },
  timeline: [
    { at: '10s', fault: diskFull('db-1', '10s') },
  ],
  slo: {
    thresholds: { 'http_req_failed{op:read}': ['rate<0.01'] },
    rto: '75s',
    rpo: { lostWrites: 0 },
    lostWrites: 0,
  },
});
