/** Something to start that may wait for other things first. */
export interface Startable {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/**
 * Starts everything as early as its dependencies allow: each item begins once all it depends
 * on has started, so independent items start in parallel. The first failure rejects; items that
 * depend on a failed one never start.
 */
export async function startInOrder<T extends Startable, R>(items: readonly T[], start: (item: T) => Promise<R>): Promise<Map<string, R>> {
  const started = new Map<string, Promise<R>>();
  const names = new Set(items.map((item) => item.name));
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (!names.has(dependency)) throw new Error(`${item.name} depends on unknown ${dependency}`);
    }
  }
  const startOf = (item: T, path: readonly string[]): Promise<R> => {
    if (path.includes(item.name)) throw new Error(`dependency cycle: ${[...path, item.name].join(' → ')}`);
    const known = started.get(item.name);
    if (known) return known;
    const dependencies = item.dependsOn.map((name) => startOf(items.find((other) => other.name === name)!, [...path, item.name]));
    const promise = Promise.all(dependencies).then(() => start(item));
    started.set(item.name, promise);
    return promise;
  };
  const all = items.map((item) => startOf(item, []));
  const results = await Promise.all(all);
  return new Map(items.map((item, i) => [item.name, results[i]!]));
}
