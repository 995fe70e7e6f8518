/**
 * - `passed`: every objective met and every fault verified to have taken effect.
 * - `failed`: an objective was missed.
 * - `unknown`: nothing missed, but a fault could not be verified to have taken effect, so a pass
 *   would not mean the system survived that fault.
 * - `errored`: the harness failed (not the system under test).
 * - `interrupted`: the run was stopped (Ctrl-C, SIGTERM, deadline) before it finished.
 */
export type Verdict = 'passed' | 'failed' | 'unknown' | 'errored' | 'interrupted';

export interface VerdictInput {
  /** Every objective's result; only `ok` is read. */
  readonly results: readonly { readonly ok: boolean }[];
  /** Whether every injected fault was checked and found to have taken effect. */
  readonly faultsVerified: boolean;
  readonly errored: boolean;
  readonly interrupted: boolean;
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
  if (input.results.some((r) => !r.ok)) return 'failed';
  if (!input.faultsVerified) return 'unknown';
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
