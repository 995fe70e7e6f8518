import { ExitCode } from '../errors.js';
import { formatDuration } from '../scenario/duration.js';
import type { ScenarioPlan } from '../scenario/plan.js';
import { describeObjectives } from '../slo/catalogue.js';
import { loadPlans } from './load-plans.js';
import { line, type Output } from './output.js';

/** `faultline validate <file|dir>`: checks scenarios without running them and shows the plan. */
export async function validateCommand(path: string, output: Output): Promise<number> {
  const loaded = await loadPlans(path, output);
  if ('exitCode' in loaded) return loaded.exitCode;
  for (const plan of loaded.plans) describePlan(plan, output);
  return ExitCode.passed;
}

export function describePlan(plan: ScenarioPlan, output: Output): void {
  const { out } = output;
  line(out, `${plan.name}: valid (${plan.file ?? 'inline'})`);
  if (plan.description) line(out, `  ${plan.description}`);
  line(out, `  services: ${plan.stack.services.map((s) => `${s.name} (${s.role})`).join(', ')}`);
  if (plan.stack.db.replication !== 'none') line(out, `  database: db-1 primary, db-2 replica, ${plan.stack.db.replication} replication, failover controller`);
  line(out, `  load:     ${plan.load.rate} req/s for ${formatDuration(plan.load.durationMs)}, ${Math.round(plan.load.readRatio * 100)}% reads, timeout ${formatDuration(plan.load.timeoutMs)}`);
  const warmup = plan.load.warmup;
  line(out, `  warm-up:  ${warmup ? `ramp to ${plan.load.rate} req/s over ${formatDuration(warmup.rampMs)}, then hold until latency is steady (at most ${formatDuration(warmup.maxHoldMs)}); not measured` : 'none (measured load starts cold)'}`);
  if (plan.stack.proxy.enabled) {
    line(out, `  links:    ${plan.stack.links.map((l) => l.name).join(', ')} (through ${plan.stack.proxy.image ?? "faultline's fault proxy"})`);
  } else {
    line(out, '  links:    none (stack.proxy.enabled is false: services talk directly, no network faults)');
  }
  if (plan.timeline.length === 0) line(out, '  timeline: (no faults)');
  for (const fault of plan.timeline) line(out, `  ${fault.id}:  at ${formatDuration(fault.atMs)}: ${fault.label}`);
  const objectives = describeObjectives(plan.slo);
  line(out, `  SLOs:     ${objectives.length === 0 ? '(none)' : objectives.join('; ')}`);
}
