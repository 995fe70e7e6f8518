import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client';
import type { ToxicPlan } from '../scenario/plan.js';

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

  async version(): Promise<string> {
    return (await this.client.getVersion()).trim();
  }

  async addToxic(name: string, toxic: ToxicPlan): Promise<void> {
    const proxy = await this.client.get(toxic.link);
    await proxy.addToxic({ name, type: toxic.type, stream: toxic.stream, toxicity: 1, attributes: toxic.attributes } as never);
  }

  /** Removes a toxic; one that is already gone is fine (reverts are idempotent). */
  async removeToxic(link: string, name: string): Promise<void> {
    try {
      const proxy = await this.client.get(link);
      const toxic = await proxy.getToxic(name);
      await toxic.remove();
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
  }

  async toxics(link: string): Promise<ToxicState[]> {
    const response = await this.client.getApi().get<ToxicState[]>(`${this.apiUrl}/proxies/${encodeURIComponent(link)}/toxics`);
    return response.data;
  }

  /** Names of the proxies (links) the proxy knows. */
  async links(): Promise<string[]> {
    return Object.keys(await this.client.getAll());
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof ToxiproxyError && /status code 404/.test(error.message);
}
