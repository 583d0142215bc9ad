import type { Express } from 'express';

export interface ListedRoute {
  method: string;
  /** Full Express path, e.g. `/api/v1/shops/:slug`. */
  path: string;
}

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/**
 * Every concrete route the application serves, found by walking Express's router (mounted
 * routers included). Tests use it so that coverage checks — the OpenAPI document, role guards —
 * grow with the code instead of with a hand-kept list.
 */
export function listRoutes(app: Express): ListedRoute[] {
  const root = (app as unknown as { router: { stack: RouterLayer[] } }).router;
  const routes: ListedRoute[] = [];
  walk(root.stack, '', routes);
  return routes;
}

function walk(stack: RouterLayer[], prefix: string, into: ListedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const routePath of paths(layer.route.path)) {
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (enabled && method !== '_all')
            into.push({ method: method.toUpperCase(), path: join(prefix, routePath) });
        }
      }
    } else if (layer.handle?.stack) {
      const mounts = layer.rawPath === undefined ? ['/'] : paths(layer.rawPath);
      for (const mount of mounts) walk(layer.handle.stack, join(prefix, mount), into);
    }
  }
}

function paths(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.flatMap(paths);
  if (typeof raw === 'string') return [raw];
  // Regular-expression paths (the SPA fallback) are not API routes; keep them visible as text.
  return [String(raw)];
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
