import type { ImageRole } from '../runtime/runtime.js';
import type { StackPlan } from '../scenario/plan.js';

// The backup store runs on the db image (its tools match the servers' version).
const imageOfRole: Readonly<Record<string, ImageRole>> = { app: 'app', cache: 'redis', db: 'db', lb: 'lb', proxy: 'proxy', controller: 'controller', backup: 'db' };

/** faultline's images a stack needs: one per service role, except where the scenario brings its own. */
export function imagesNeeded(stack: StackPlan): ImageRole[] {
  const roles = new Set<ImageRole>();
  for (const service of stack.services) {
    if (service.role === 'app' && stack.app.image !== undefined) continue;
    if (service.role === 'proxy' && stack.proxy.image !== undefined) continue;
    const image = imageOfRole[service.role];
    if (image) roles.add(image);
  }
  return [...roles];
}
