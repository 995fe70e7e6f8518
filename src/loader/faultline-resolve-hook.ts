/**
 * A module resolve hook (run in Node's loader thread): when a scenario file outside any project
 * that installed faultline imports `'faultline'`, resolve it to the faultline that is running.
 */
interface ResolveContext { readonly parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; shortCircuit?: boolean }>;

let faultlineUrl = '';

export function initialize(data: { faultlineUrl: string }): void {
  faultlineUrl = data.faultlineUrl;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier !== 'faultline' || faultlineUrl === '') return next(specifier, context);
  try {
    return await next(specifier, context);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return { url: faultlineUrl, shortCircuit: true };
  }
}
