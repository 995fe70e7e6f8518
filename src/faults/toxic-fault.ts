import type { ToxicPlan } from '../scenario/plan.js';
import type { Fault, FaultContext, FaultEffect } from './fault.js';
import { probeLink, probeSees, type ProbeResult } from './link-probe.js';
import type { NetworkFaultPlan } from './network-fault.js';

/** The proxy-side name of a fault's toxic; unique per link because it carries fault and stream. */
export function toxicName(faultId: string, toxic: ToxicPlan): string {
  return `faultline-${faultId}-${toxic.stream}`;
}

/**
 * A network fault: toxics on links of the fault proxy (latency, bandwidth, blackhole, reset,
 * slow close, partition). Verified by reading every toxic back from the proxy and, where a probe
 * can see it, by a round trip through a link that shows the effect (a delay, silence, a reset).
 */
export function toxicFault(plan: NetworkFaultPlan, context: FaultContext): Fault {
  const proxy = context.proxy;
  if (!proxy) throw new Error(`${plan.id} (${plan.label}) needs the fault proxy, but the stack runs without it`);
  let baseline: number | undefined;
  // Probe a downstream toxic where there is one: every protocol's answer travels downstream, while
  // an upstream-only toxic is invisible to a server-first protocol (MySQL's greeting).
  const probeable = plan.toxics.filter((toxic) => toxic.type !== 'bandwidth' && toxic.type !== 'slow_close');
  const probed = probeable.find((toxic) => toxic.stream === 'downstream') ?? probeable[0];

  const probe = async (timeoutMs: number): Promise<ProbeResult | undefined> => {
    if (!probed || !context.link) return undefined;
    const { endpoint, protocol } = await context.link(probed.link);
    if (!probeSees(protocol, probed.stream)) return undefined;
    return probeLink(endpoint, protocol, timeoutMs);
  };

  return {
    plan,
    async prepare() {
      if (probed?.type === 'latency') baseline = await medianProbe(probe, 3, 2000);
    },
    async inject() {
      await Promise.all(plan.toxics.map((toxic) => proxy.addToxic(toxicName(plan.id, toxic), toxic)));
    },
    async verify(): Promise<FaultEffect> {
      const missing: string[] = [];
      for (const link of [...new Set(plan.toxics.map((t) => t.link))]) {
        const present = await proxy.toxics(link);
        for (const toxic of plan.toxics.filter((t) => t.link === link)) {
          const found = present.find((p) => p.name === toxicName(plan.id, toxic));
          if (!found || found.type !== toxic.type || found.stream !== toxic.stream || !sameAttributes(found.attributes, toxic.attributes)) missing.push(`${toxic.type} ${toxic.stream} on ${link}`);
        }
      }
      if (missing.length > 0) return { verified: false, detail: `the proxy does not have: ${missing.join('; ')}` };
      const readBack = `${plan.toxics.length} toxic(s) in place on ${new Set(plan.toxics.map((t) => t.link)).size} link(s)`;
      if (!probed) return { verified: true, detail: `${readBack} (no probe can show this toxic's effect)` };
      const protocol = context.link ? (await context.link(probed.link)).protocol : undefined;
      // Only latency on a direction the probe travels can show in its round trip.
      const visible = plan.toxics.filter((t) => t.link === probed.link && t.type === 'latency' && (protocol === undefined || probeSees(protocol, t.stream)));
      return checkEffect(probed, readBack, probe, baseline, visible);
    },
    async revert() {
      await Promise.all(plan.toxics.map((toxic) => proxy.removeToxic(toxic.link, toxicName(plan.id, toxic))));
    },
  };
}

async function checkEffect(
  toxic: ToxicPlan,
  readBack: string,
  probe: (timeoutMs: number) => Promise<ProbeResult | undefined>,
  baseline: number | undefined,
  latencies: readonly ToxicPlan[],
): Promise<FaultEffect> {
  const through = `a probe through ${toxic.link}`;
  switch (toxic.type) {
    case 'latency': {
      const added = latencies.reduce((sum, t) => sum + (t.attributes.latency ?? 0), 0);
      const jitter = latencies.reduce((sum, t) => sum + (t.attributes.jitter ?? 0), 0);
      const during = await medianProbe(probe, 3, 2 * (added + jitter) + 2000);
      if (during === undefined || baseline === undefined) return { verified: true, detail: `${readBack} (the link's protocol cannot show ${toxic.stream} latency)` };
      const rise = during - baseline;
      const expected = Math.max(0, added - jitter) * 0.8;
      return rise >= expected
        ? { verified: true, detail: `${readBack}; ${through} took ${ms(baseline)} before, ${ms(during)} after (+${ms(rise)}, expected +${added}ms)` }
        : { verified: false, detail: `${readBack}, but ${through} took ${ms(baseline)} before and ${ms(during)} after: +${ms(rise)}, not the +${added}ms injected` };
    }
    case 'timeout': {
      const result = await probe(1000);
      if (!result) return { verified: true, detail: `${readBack} (the link's protocol cannot show an ${toxic.stream}-only cut)` };
      return result.outcome === 'silent' || result.outcome === 'closed'
        ? { verified: true, detail: `${readBack}; ${through} got no answer in 1s (${result.outcome})` }
        : { verified: false, detail: `${readBack}, but ${through} was ${result.outcome} after ${ms(result.ms)}: traffic still flows` };
    }
    default: { // reset_peer
      const result = await probe((toxic.attributes.timeout ?? 0) + 2000);
      if (!result) return { verified: true, detail: readBack };
      return result.outcome === 'reset' || result.outcome === 'closed'
        ? { verified: true, detail: `${readBack}; ${through} was ${result.outcome} after ${ms(result.ms)}` }
        : { verified: false, detail: `${readBack}, but ${through} was ${result.outcome}: connections are not being reset` };
    }
  }
}

async function medianProbe(probe: (timeoutMs: number) => Promise<ProbeResult | undefined>, count: number, timeoutMs: number): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = await probe(timeoutMs);
    if (result === undefined) return undefined;
    times.push(result.outcome === 'answered' ? result.ms : Number.POSITIVE_INFINITY);
  }
  return times.sort((a, b) => a - b)[Math.floor(count / 2)];
}

function sameAttributes(actual: Readonly<Record<string, number>>, wanted: Readonly<Record<string, number>>): boolean {
  return Object.entries(wanted).every(([key, value]) => actual[key] === value);
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)}ms` : 'no answer';
}
