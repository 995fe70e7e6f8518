/** What one database node holds after the faults are healed. */
export interface NodeState {
  readonly name: string;
  /** `@@gtid_current_pos`, or `undefined` if the node could not be asked. */
  readonly gtid: string | undefined;
  /** `CHECKSUM TABLE faultline.items`, or `undefined` if the node could not be asked. */
  readonly checksum: string | undefined;
}

export interface ConvergenceResult {
  readonly converged: boolean;
  readonly nodes: readonly NodeState[];
  readonly detail: string;
}

/** Every node answered, and all hold the same GTID position and the same table checksum. Pure. */
export function checkConvergence(nodes: readonly NodeState[]): ConvergenceResult {
  const silent = nodes.filter((n) => n.gtid === undefined || n.checksum === undefined).map((n) => n.name);
  if (silent.length > 0) return { converged: false, nodes, detail: `could not read ${silent.join(', ')}` };
  const gtids = new Set(nodes.map((n) => normaliseGtid(n.gtid!)));
  const checksums = new Set(nodes.map((n) => n.checksum));
  const describe = nodes.map((n) => `${n.name} gtid ${n.gtid || '(empty)'} checksum ${n.checksum}`).join('; ');
  if (gtids.size === 1 && checksums.size === 1) return { converged: true, nodes, detail: `all ${nodes.length} nodes agree: ${describe}` };
  return { converged: false, nodes, detail: `nodes differ: ${describe}` };
}

/** GTID lists compare equal whatever their order: `0-1-5,1-2-3` = `1-2-3,0-1-5`. */
function normaliseGtid(gtid: string): string {
  return gtid.split(',').map((part) => part.trim()).filter((part) => part !== '').sort().join(',');
}
