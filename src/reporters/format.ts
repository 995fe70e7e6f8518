import { formatDuration } from '../scenario/duration.js';
import type { SloResult } from '../slo/slo-result.js';

export { formatDuration };

/** `99.97%` with enough digits to tell 99.9% from 100%. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null) return 'n/a';
  const percent = fraction * 100;
  if (percent === 100) return '100%';
  return `${percent >= 99 ? percent.toFixed(3).replace(/0+$/, '') : percent.toFixed(2)}%`;
}

/** Milliseconds with sub-millisecond precision where it matters. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'n/a';
  if (ms < 10) return `${ms.toFixed(2)}ms`;
  if (ms < 1000) return `${ms.toFixed(0)}ms`;
  return formatDuration(ms);
}

/** An SLO's measured value in its unit: `1.2s`, `99.95%`, `3`. */
export function formatSloActual(slo: Pick<SloResult, 'actual' | 'unit'>): string {
  if (slo.actual === null) return 'n/a';
  return slo.unit === 'ms' ? formatMs(slo.actual) : slo.unit === '%' ? `${+slo.actual.toFixed(4)}%` : String(+slo.actual.toFixed(4));
}
