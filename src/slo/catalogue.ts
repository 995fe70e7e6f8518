/**
 * The SLO catalogue: every objective a scenario can set under `slo`, one module each under
 * `objectives/`, in the order their results are reported. Adding an objective = one new file
 * there, and its line here; its field in `SloPlan` follows from the module.
 */
import { availabilitySlo } from './objectives/availability.js';
import { convergenceSlo } from './objectives/convergence.js';
import { degradedSlo } from './objectives/degraded.js';
import { longestOutageSlo } from './objectives/longest-outage.js';
import { lostWritesSlo } from './objectives/lost-writes.js';
import { recoveryAfterHealSlo } from './objectives/recovery-after-heal.js';
import { recoverySlo } from './objectives/recovery.js';
import { restoreVerifiedSlo } from './objectives/restore-verified.js';
import { rpoSlo } from './objectives/rpo.js';
import { rtoSlo } from './objectives/rto.js';
import { singleWriterSlo } from './objectives/single-writer.js';
import { thresholdsSlo } from './objectives/thresholds.js';
import { totalOutageSlo } from './objectives/total-outage.js';
import { writeOutageSlo } from './objectives/write-outage.js';
import type { SloEvidence, SloModule, SloResolveContext } from './slo-module.js';
import type { SloResult } from './slo-result.js';

export const sloModules = [
  availabilitySlo, longestOutageSlo, totalOutageSlo, degradedSlo, recoverySlo, recoveryAfterHealSlo, thresholdsSlo,
  writeOutageSlo, lostWritesSlo, singleWriterSlo, convergenceSlo, restoreVerifiedSlo, rtoSlo, rpoSlo,
] as const;

type AnySloModule = (typeof sloModules)[number];

/** The resolved objectives, one property per module (its `planKey`), each as its module resolves it. */
export type SloObjectives = {
  readonly [M in AnySloModule as M['planKey']]: ReturnType<M['resolve']>;
};

/** Fields `slo` may have that are objectives (the rest are settings). */
export const sloObjectiveFields: readonly string[] = sloModules.map((module) => module.field);

/** Resolves every objective from the `slo` section as written (`undefined` fields included). */
export function resolveObjectives(slo: Readonly<Record<string, unknown>> | undefined, context: Omit<SloResolveContext, 'field'>): SloObjectives {
  const entries = sloModules.map((module) => [module.planKey, module.resolve(slo?.[module.field], { ...context, field: `slo.${module.field}` })]);
  return Object.fromEntries(entries) as SloObjectives;
}

/** Every objective set, as `faultline validate` lists them, in catalogue order. */
export function describeObjectives(objectives: SloObjectives): string[] {
  return sloModules.flatMap((module) => (module as unknown as SloModule<string, unknown, keyof SloEvidence>).describe(objectives[module.planKey]));
}

/** The results of every objective judged at `stage`, in catalogue order. Pure. */
export function judgeStage<S extends keyof SloEvidence>(stage: S, objectives: SloObjectives, evidence: SloEvidence[S]): SloResult[] {
  const results: SloResult[] = [];
  for (const module of sloModules) {
    if (module.stage !== stage) continue;
    const judge = module as unknown as SloModule<string, unknown, S>;
    results.push(...judge.evaluate(objectives[module.planKey], evidence));
  }
  return results;
}
