/** Where a command writes; passed in so tests can capture it. */
export interface Output {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
}

export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** ANSI colour only on a TTY and when NO_COLOR is unset. */
export function colours(stream: { isTTY?: boolean }): { green(s: string): string; red(s: string): string; yellow(s: string): string; dim(s: string): string; bold(s: string): string } {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  const wrap = (code: number, reset: number) => (s: string): string => (on ? `\x1b[${code}m${s}\x1b[${reset}m` : s);
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
