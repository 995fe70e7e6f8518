import { describe, expect, it } from 'vitest';
import { OpMask } from '../../../src/metrics/op-mask.js';
import { faultRecovery } from '../../../src/metrics/recovery.js';
import { openLoop, pausedBackend, refusing, samples, type Row, type Serve } from './_history.js';

const fault = { id: 'fault-1', atMs: 1000 };
const options = { sustainMs: 500 };
const load = (serve: Serve, durationMs = 5000): Row[] => openLoop({ rate: 100, durationMs, timeoutMs: 1000, serve });

describe('faultRecovery', () => {
  it('should report recovery 0 and no errors when the fault caused no failure', () => {
    const [result] = faultRecovery(samples(load(refusing(Infinity, Infinity))), [fault], options);
    expect(result).toEqual({
      faultId: 'fault-1', atMs: 1000, status: 'recovered', firstErrorMs: null, firstSuccessMs: 2, sustainedRecoveryMs: 0,
      relapses: [], finalRecoveryMs: 0, stillFailingAtMs: null, afterHealMs: undefined, healedAtMs: undefined, failed: 0, unknown: 0,
    });
  });

  it('should recover immediately after a one-request blip', () => {
    const [result] = faultRecovery(samples(load(refusing(1000, 1010))), [fault], options);
    expect(result).toMatchObject({ firstErrorMs: 0, firstSuccessMs: 12, sustainedRecoveryMs: 12, failed: 1, unknown: 0 });
  });

  it('should measure a delayed recovery from the fault to the answer of the first request of a sustained ok run', () => {
    const [result] = faultRecovery(samples(load(refusing(1000, 3000))), [fault], options);
    expect(result).toMatchObject({ firstErrorMs: 0, firstSuccessMs: 2002, sustainedRecoveryMs: 2002, failed: 200, unknown: 0 });
  });

  it('should not count ok requests before the fault bites as recovery', () => {
    // Failures start 300 ms after the fault (e.g. detection delay) and last 1 s.
    const [result] = faultRecovery(samples(load(refusing(1300, 2300))), [fault], { ...options, sustainMs: 200 });
    // First success is measured from the fault, so it is the request due right at it.
    expect(result).toMatchObject({ firstErrorMs: 300, firstSuccessMs: 2, sustainedRecoveryMs: 1302, failed: 100 });
  });

  it('should not call a flapping service recovered until a whole sustain window is ok', () => {
    const serve: Serve = (t) => ((t >= 1000 && t < 2000) || t === 2300
      ? { outcome: 'fail', endMs: t + 1 }
      : { outcome: 'ok', endMs: t + 2 });
    const [result] = faultRecovery(samples(load(serve)), [fault], options);
    // The ok run from 2000 is broken at 2300; the next one starts at 2310 and is answered at 2312.
    expect(result).toMatchObject({ firstSuccessMs: 1002, sustainedRecoveryMs: 1312, failed: 101 });
  });

  it('should report not recovered, and how long it was still seen failing, when the service never recovers', () => {
    const [result] = faultRecovery(samples(load(refusing(1000, Infinity), 3000)), [fault], options);
    expect(result).toMatchObject({ status: 'not-recovered', firstErrorMs: 0, firstSuccessMs: null, sustainedRecoveryMs: null, finalRecoveryMs: null, stillFailingAtMs: 1991, failed: 200 });
  });

  it('should report not recovered when the data ends before a full sustain window of ok requests', () => {
    // Ok again from 2800, but the last request is due at 2990: less than 500 ms of evidence.
    const [result] = faultRecovery(samples(load(refusing(1000, 2800), 3000)), [fault], options);
    expect(result).toMatchObject({ status: 'not-recovered', firstSuccessMs: 1802, sustainedRecoveryMs: null, stillFailingAtMs: 1791, failed: 180 });
  });

  it('should have no evidence of recovery when the data after the fault is shorter than a sustain window', () => {
    // A fault at 2800 in a 3 s run: nothing failed, but only 200 ms of requests followed it.
    const [result] = faultRecovery(samples(load(refusing(Infinity, Infinity), 3000)), [{ id: 'late', atMs: 2800 }], options);
    expect(result).toMatchObject({ status: 'too-short', firstErrorMs: null, sustainedRecoveryMs: null, finalRecoveryMs: null });
  });

  it('should detect a relapse after sustained recovery and attribute its failures to the fault', () => {
    // Failures [1000, 1500), ok for 1 s, failures again [2500, 2800), then ok.
    const serve: Serve = (t) => ((t >= 1000 && t < 1500) || (t >= 2500 && t < 2800) ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 });
    const [result] = faultRecovery(samples(load(serve)), [fault], options);
    expect(result).toMatchObject({
      status: 'recovered', sustainedRecoveryMs: 502, finalRecoveryMs: 1802, failed: 80,
      relapses: [{ startMs: 2500, recoveredAtMs: 2802, failed: 30, unknown: 0 }],
    });
  });

  it('should report a relapse that never recovered as not recovered', () => {
    const serve: Serve = (t) => ((t >= 1000 && t < 1500) || t >= 3000 ? { outcome: 'fail', endMs: t + 1 } : { outcome: 'ok', endMs: t + 2 });
    const [result] = faultRecovery(samples(load(serve)), [fault], options);
    expect(result).toMatchObject({ status: 'not-recovered', sustainedRecoveryMs: 502, finalRecoveryMs: null, relapses: [{ startMs: 3000, recoveredAtMs: null }] });
  });

  it('should attribute a request in flight at the fault, with a negative first error', () => {
    const rows: Row[] = [
      { scheduledMs: 990, endMs: 992, outcome: 'ok' },
      { scheduledMs: 995, endMs: 1003, outcome: 'fail' },
      ...load(refusing(Infinity, Infinity)).filter((r) => r.scheduledMs >= 1000),
    ];
    const [result] = faultRecovery(samples(rows), [fault], options);
    expect(result).toMatchObject({ firstErrorMs: -5, sustainedRecoveryMs: 2, failed: 1 });
  });

  it('should not attribute failures that completed before the fault', () => {
    const [result] = faultRecovery(samples(load(refusing(500, 510))), [fault], options);
    expect(result).toMatchObject({ firstErrorMs: null, sustainedRecoveryMs: 0, failed: 0 });
  });

  it('should count timeouts of a paused backend as unknown and recover when the backlog is answered', () => {
    const rows = openLoop({ rate: 200, durationMs: 10_000, timeoutMs: 1000, serve: pausedBackend(4000, 3000) });
    const [result] = faultRecovery(samples(rows), [{ id: 'pause', atMs: 4000 }], { sustainMs: 1000 });
    expect(result?.failed).toBe(0);
    expect(result?.unknown).toBeGreaterThan(400);
    // The first ok comes from the backlog at the thaw (7000)…
    expect(result?.firstSuccessMs).toBeGreaterThanOrEqual(3000);
    expect(result?.firstSuccessMs).toBeLessThan(3100);
    // …and requests due from ~6025 on all got an answer within their 1 s timeout, but only at the
    // thaw: the service counts as recovered when the first of them was answered, not when it was due.
    expect(result?.sustainedRecoveryMs).toBeGreaterThanOrEqual(3000);
    expect(result?.sustainedRecoveryMs).toBeLessThan(3100);
  });

  it('should keep faults apart and answer in the order given', () => {
    const serve: Serve = (t) => {
      if ((t >= 1000 && t < 1500) || (t >= 3000 && t < 3200)) return { outcome: 'fail', endMs: t + 1 };
      if (t === 2990) return { outcome: 'fail', endMs: t + 15 }; // in flight when the second fault hits
      return { outcome: 'ok', endMs: t + 2 };
    };
    const [second, first] = faultRecovery(samples(load(serve)), [{ id: 'b', atMs: 3000 }, { id: 'a', atMs: 1000 }], options);
    expect(first).toMatchObject({ faultId: 'a', firstErrorMs: 0, sustainedRecoveryMs: 502, failed: 50 });
    expect(second).toMatchObject({ faultId: 'b', firstErrorMs: -10, sustainedRecoveryMs: 202, failed: 21 });
  });

  it('should look only at the requested ops', () => {
    const rows = openLoop({
      rate: 100,
      durationMs: 5000,
      timeoutMs: 1000,
      op: (i) => (i % 2 === 0 ? 'read' : 'write'),
      serve: (t, i) => (i % 2 === 0 && t >= 1000 && t < 2000
        ? { outcome: 'fail', endMs: t + 1 }
        : { outcome: 'ok', endMs: t + 2 }),
    });
    const [writes] = faultRecovery(samples(rows), [fault], { ...options, opMask: OpMask.write });
    const [reads] = faultRecovery(samples(rows), [fault], { ...options, opMask: OpMask.read });
    expect(writes).toMatchObject({ firstErrorMs: null, sustainedRecoveryMs: 0, failed: 0 });
    expect(reads).toMatchObject({ firstErrorMs: 0, sustainedRecoveryMs: 1002, failed: 50 });
  });
});
