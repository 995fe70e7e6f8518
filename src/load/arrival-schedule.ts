/**
 * Due times of the requests of a linear ramp of the arrival rate from 0 to `rate` req/s over
 * `rampMs`, as k6's ramping-arrival-rate computes them (`RampingArrivalRateConfig.cal`): the
 * i-th request (from 1) is due when the integral of the rate reaches i, i.e. at
 * `sqrt(2 · rampMs · i / rate)` seconds' worth of ms, so no request is due at 0 and the last
 * one at or before `rampMs`. `rate · rampMs / 2000` requests in all.
 */
export function rampArrivalsMs(rate: number, rampMs: number): Float64Array {
  if (!(rampMs > 0) || !(rate > 0)) return new Float64Array(0);
  const perMs = rate / 1000;
  const count = Math.floor((perMs * rampMs) / 2 + 1e-9);
  const times = new Float64Array(count);
  for (let i = 1; i <= count; i++) times[i - 1] = Math.sqrt((2 * rampMs * i) / perMs);
  return times;
}
