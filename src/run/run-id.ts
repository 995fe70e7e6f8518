import { randomBytes } from 'node:crypto';

/** A sortable, unique run id: `20261121-101502-3fa9`. */
export function newRunId(wallMs: number): string {
  const iso = new Date(wallMs).toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
