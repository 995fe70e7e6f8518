import type { Link } from './link.js';
import type { Direction, ToxicEntry } from './toxic-entry.js';

/**
 * The toxics of one proxy, per direction in insertion order, and the live links they apply to.
 * Every change is applied to every live link of that direction at once.
 */
export class ToxicCollection {
  readonly #chains: Record<Direction, ToxicEntry[]> = { upstream: [], downstream: [] };
  readonly #links = new Set<Link>();

  /** The toxics of one direction, in chain order. */
  chain(direction: Direction): readonly ToxicEntry[] {
    return this.#chains[direction];
  }

  /** Upstream toxics first, then downstream, each in insertion order (as Toxiproxy lists them). */
  list(): ToxicEntry[] {
    return [...this.#chains.upstream, ...this.#chains.downstream];
  }

  /** Names are unique across both directions. */
  find(name: string): ToxicEntry | undefined {
    return this.list().find((t) => t.name === name);
  }

  add(entry: ToxicEntry): void {
    this.#chains[entry.direction].push(entry);
    for (const link of this.#linksOf(entry.direction)) link.addToxic(entry);
  }

  update(entry: ToxicEntry, attributes: ToxicEntry['attributes'], toxicity: number): void {
    entry.attributes = attributes;
    entry.toxicity = toxicity;
    for (const link of this.#linksOf(entry.direction)) link.updateToxic(entry);
  }

  remove(entry: ToxicEntry): void {
    const chain = this.#chains[entry.direction];
    const index = chain.indexOf(entry);
    if (index < 0) return;
    chain.splice(index, 1);
    for (const link of this.#linksOf(entry.direction)) link.removeToxic(entry);
  }

  /** Removes every toxic (`POST /reset`); connections stay up unless a removed toxic closes them. */
  removeAll(): void {
    for (const entry of this.list()) this.remove(entry);
  }

  register(link: Link): void {
    this.#links.add(link);
  }

  unregister(link: Link): void {
    this.#links.delete(link);
  }

  #linksOf(direction: Direction): Link[] {
    return [...this.#links].filter((link) => link.direction === direction);
  }
}
