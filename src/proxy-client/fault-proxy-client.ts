import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client';
import type { ToxicPlan } from '../scenario/plan.js';
import { withTimeout } from '../with-timeout.js';

/** Bound on one call to the proxy's API (the proxy answers control calls at once, even under load). */
const apiCallTimeoutMs = 10_000;

/** A toxic as the proxy reports it. */
export interface ToxicState {
  readonly name: string;
  readonly type: string;
  readonly stream: string;
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

/**
 * faultline's use of the fault proxy, through toxiproxy-node-client — so it works against
 * faultline's own proxy and a real Toxiproxy alike.
 */
export class FaultProxyClient {
  private readonly client: Toxiproxy;

  constructor(readonly apiUrl: string) {
    this.client = new Toxiproxy(apiUrl);
  }

  version(): Promise<string> {
    return this.call('GET /version', async () => (await this.client.getVersion()).trim());
  }

  addToxic(name: string, toxic: ToxicPlan): Promise<void> {
    return this.call(`add toxic ${name} to ${toxic.link}`, async () => {
      const proxy = await this.client.get(toxic.link);
      await proxy.addToxic({ name, type: toxic.type, stream: toxic.stream, toxicity: 1, attributes: toxic.attributes } as never);
    });
  }

  /** Removes a toxic; one that is already gone is fine (reverts are idempotent). */
  removeToxic(link: string, name: string): Promise<void> {
    return this.call(`remove toxic ${name} from ${link}`, async () => {
      try {
        const proxy = await this.client.get(link);
        const toxic = await proxy.getToxic(name);
        await toxic.remove();
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
    });
  }

  toxics(link: string): Promise<ToxicState[]> {
    return this.call(`list toxics of ${link}`, async () => {
      const response = await this.client.getApi().get<ToxicState[]>(`${this.apiUrl}/proxies/${encodeURIComponent(link)}/toxics`);
      return response.data;
    });
  }

  /** Names of the proxies (links) the proxy knows. */
  links(): Promise<string[]> {
    return this.call('GET /proxies', async () => Object.keys(await this.client.getAll()));
  }

  private call<T>(what: string, work: () => Promise<T>): Promise<T> {
    return withTimeout(work(), apiCallTimeoutMs, `fault proxy: ${what}`);
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof ToxiproxyError && /status code 404/.test(error.message);
}
