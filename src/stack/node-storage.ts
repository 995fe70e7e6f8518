import { binlogVolume, dataVolume } from './stack-volumes.js';

/** The volumes a database node uses now. */
export interface NodeVolumes {
  readonly data: string;
  readonly binlog: string;
}

/**
 * Which volumes each database node uses: the stack's own at first (`db-1-data`, `db-1-binlog`),
 * then a fresh pair per restore or rebuild (`db-1-data-2`, …), since a restored node starts on
 * new, empty volumes and the old binlog volume, if it survived, is a source to replay from.
 */
export class NodeStorage {
  readonly #generation = new Map<string, number>();

  volumesOf(node: string): NodeVolumes {
    const generation = this.#generation.get(node) ?? 1;
    const suffix = generation === 1 ? '' : `-${generation}`;
    return { data: `${dataVolume(node)}${suffix}`, binlog: `${binlogVolume(node)}${suffix}` };
  }

  /** Moves `node` to a fresh pair of volume names (not yet created) and returns them. */
  next(node: string): NodeVolumes {
    this.#generation.set(node, (this.#generation.get(node) ?? 1) + 1);
    return this.volumesOf(node);
  }
}
