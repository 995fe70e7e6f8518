import type { FaultRecovery } from '../metrics/recovery.js';
import type { LoadEvidence } from './slo-module.js';
import { fmt, judged, type SloStatus } from './slo-result.js';

/** `fault-1 (kill app-1 (SIGKILL))`, or the bare id when the label is unknown. */
export function labeller(evidence: LoadEvidence): (id: string) => string {
  return (id) => {
    const text = evidence.faults?.find((f) => f.id === id)?.label;
    return text === undefined ? id : `${id} (${text})`;
  };
}

/** The judgement of one fault's recovery against a limit, from the fault (`offsetMs` 0) or from its heal. */
export function judgeRecovery(recovery: FaultRecovery, limit: number, offsetMs: number): { status: SloStatus; actual: number | null; why: string } {
  const relapses = recovery.relapses.length === 0 ? '' : `, after ${recovery.relapses.length} relapse(s) (first at ${fmt(recovery.relapses[0]!.startMs)} ms)`;
  if (recovery.status === 'too-short') {
    return { status: 'no-data', actual: null, why: 'the data after it is shorter than one sustain window, so there is no evidence either way' };
  }
  if (recovery.finalRecoveryMs !== null) {
    const actual = Math.max(0, recovery.finalRecoveryMs - offsetMs);
    return { status: judged(actual <= limit), actual, why: `recovered ${fmt(actual)} ms after${relapses}` };
  }
  // Not recovered within the data: a miss only if it was seen failing for longer than the limit.
  const failingFor = Math.max(0, (recovery.stillFailingAtMs ?? 0) - offsetMs);
  return failingFor > limit
    ? { status: 'fail', actual: null, why: `still failing ${fmt(failingFor)} ms after${relapses}, and never recovered before the data ended` }
    : { status: 'no-data', actual: null, why: `not yet recovered when the data ended, only ${fmt(failingFor)} ms after${relapses}: too soon to tell` };
}

/** One status over several faults' judgements: any fail fails, else any no-data; the detail shows those that decided it. */
export function combine(judgements: readonly { status: SloStatus; actual: number | null; text: string }[]): { status: SloStatus; actual: number | null; detail: string } {
  const failing = judgements.filter((j) => j.status === 'fail');
  const unjudged = judgements.filter((j) => j.status === 'no-data');
  const status: SloStatus = failing.length > 0 ? 'fail' : unjudged.length > 0 ? 'no-data' : 'pass';
  const worst = judgements.reduce<{ actual: number | null; text: string } | undefined>(
    (a, b) => (a === undefined || (b.actual ?? -1) > (a.actual ?? -1) ? b : a), undefined);
  const shown = failing.length > 0 ? failing : unjudged.length > 0 ? unjudged : worst === undefined ? [] : [worst];
  return { status, actual: worst?.actual ?? null, detail: shown.map((j) => j.text).join('; ') };
}
