/** One backend server's state as HAProxy's CSV stats report it. */
export interface BackendServerState {
  readonly name: string;
  /** `UP`, `DOWN`, `MAINT`, `UP 1/2` (going down), `DOWN 1/2` (coming up), `no check`… */
  readonly status: string;
  readonly up: boolean;
}

/** Parses the servers of one backend out of HAProxy's `;csv` stats page. */
export function parseHaproxyCsv(csv: string, backend: string): BackendServerState[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.replace(/^# /, '').split(',') ?? [];
  const col = (name: string): number => header.indexOf(name);
  const [pxname, svname, status] = [col('pxname'), col('svname'), col('status')];
  const servers: BackendServerState[] = [];
  for (const line of lines.slice(1)) {
    const fields = line.split(',');
    if (fields[pxname] !== backend) continue;
    const name = fields[svname] ?? '';
    if (name === 'BACKEND' || name === 'FRONTEND') continue;
    const state = fields[status] ?? '';
    servers.push({ name, status: state, up: state.startsWith('UP') });
  }
  return servers;
}
