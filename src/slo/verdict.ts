/**
 * - `passed`: every objective met, every planned fault injected and verified to have taken
 *   effect, every objective had data to judge, and the load generator kept its schedule.
 * - `failed`: an objective was missed.
 * - `unknown`: nothing missed, but a pass would not mean the system survived: a fault was not
 *   injected or not verified, an objective had nothing to judge, or the generator fell behind.
 * - `errored`: the harness failed (not the system under test).
 * - `interrupted`: the run was stopped (Ctrl-C, SIGTERM) before it finished.
 */
export type Verdict = 'passed' | 'failed' | 'unknown' | 'errored' | 'interrupted';

export interface VerdictInput {
  /** Every objective's result; only `status` is read. */
  readonly results: readonly { readonly status: 'pass' | 'fail' | 'no-data' }[];
  /**
   * Why a pass could not be trusted even if every objective passed: faults not injected or not
   * verified, the load generator behind its schedule. Empty when there is no such reason.
   */
  readonly doubts: readonly string[];
  readonly errored: boolean;
  readonly interrupted: boolean;
  /** A threshold with `abortOnFail` was crossed and stopped the run (as k6: exit 99). */
  readonly abortedByThreshold?: boolean;
}

/** Worst first: the order {@link decideVerdict} and {@link worstVerdict} rank by. */
const severity: readonly Verdict[] = ['interrupted', 'errored', 'failed', 'unknown', 'passed'];

/**
 * The verdict of one run. Precedence: interrupted > errored > failed > unknown > passed.
 *
 * An interrupted or errored run's results are incomplete, so they say nothing either way. Failed
 * beats unknown because a miss seen is a miss: an objective missed while a fault's effect was not
 * verified was still missed under whatever actually happened, whereas "unknown" only says a pass
 * could not be trusted.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  if (input.interrupted) return 'interrupted';
  if (input.errored) return 'errored';
  if (input.abortedByThreshold || input.results.some((r) => r.status === 'fail')) return 'failed';
  if (input.doubts.length > 0 || input.results.some((r) => r.status === 'no-data')) return 'unknown';
  return 'passed';
}

/** Process exit code for a verdict, following k6 (99 = thresholds failed, 105 = interrupted). */
export function exitCodeFor(verdict: Verdict): number {
  switch (verdict) {
    case 'passed': return 0;
    case 'failed': return 99;
    case 'unknown': return 1;
    case 'errored': return 1;
    case 'interrupted': return 105;
  }
}

/**
 * The verdict of a multi-scenario run: the worst of its scenarios' verdicts by the same
 * precedence. No verdicts at all is `unknown`: nothing ran, so nothing passed.
 */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'unknown';
  return verdicts.reduce((worst, v) => (severity.indexOf(v) < severity.indexOf(worst) ? v : worst));
}
