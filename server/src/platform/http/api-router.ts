import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ProblemSchema } from '@shared/contracts/common.js';
import { AppError } from './errors.js';
import { guardMiddleware, type CallerGuard } from './guards.js';
import { parseInput } from './validate.js';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface ApiRouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: HttpMethod;
  /** Express path relative to the API prefix, e.g. `/shops/:slug`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  headers?: AnyObject;
  /** The first 2xx entry is the status sent for a handler's returned value. */
  responses: Record<number, ApiResponseSpec>;
  /** Guards run before validation (authentication, roles, CSRF, rate limits). */
  before?: RequestHandler[];
  security?: Array<Record<string, string[]>>;
}

/**
 * A GET without path parameters or body: what `ApiRouter.cachedRead` registers. Its access checks
 * are `guards` (functions of the caller), never `before` middleware, so that every path serving it
 * runs them.
 */
export type CachedReadSpec<Q extends AnyObject> = Omit<
  ApiRouteSpec<AnyObject, Q, z.ZodUndefined>,
  'method' | 'params' | 'body' | 'headers' | 'before'
> & { guards: [CallerGuard, ...CallerGuard[]] };

/** Who is calling, as the authentication middleware established it. */
export type Caller = NonNullable<Request['auth']>;

/** What a cached read's handler gets: its parsed query and the caller, nothing of HTTP. */
export interface CachedReadInput<Q extends AnyObject> {
  query: z.infer<Q>;
  auth: Caller;
}

/** A cached read as the server's hot path serves it (`hotReads`): its guards run there too. */
export interface HotRoute {
  query?: AnyObject;
  guards: readonly CallerGuard[];
  handler: (input: CachedReadInput<AnyObject>) => unknown;
}

export interface ApiInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  req: Request;
  res: Response;
}

/**
 * The API's router and its OpenAPI description in one place: a route cannot be served without
 * being described, and its request is parsed with the same zod contract the document shows.
 */
export class ApiRouter {
  readonly router: Router = express.Router();
  readonly registry = new OpenAPIRegistry();
  private readonly cachedSessionRoutes: Array<{ path: string; handlers: RequestHandler[] }> = [];
  /** The cached reads by full path (prefix included), for the server's hot path. */
  readonly hotRoutes = new Map<string, HotRoute>();

  constructor(readonly prefix: string) {}

  route<
    P extends AnyObject = AnyObject,
    Q extends AnyObject = AnyObject,
    B extends z.ZodType = z.ZodUndefined,
  >(spec: ApiRouteSpec<P, Q, B>, handler: (input: ApiInput<P, Q, B>) => unknown): void {
    this.register(spec, handler);
  }

  /**
   * A GET of the caller's own data, keyed by nothing but who they are: served like any route, and
   * also behind the cached session check (`cachedSessionRouter`) and from the server's hot path
   * (`hotReads`). Access is decided by `spec.guards` alone, which all three paths run; a spec with
   * `before` middleware (which the fast paths could not run) is refused. Its path must not be
   * shadowed by a route registered before it.
   */
  cachedRead<Q extends AnyObject = AnyObject>(
    spec: CachedReadSpec<Q>,
    handler: (input: CachedReadInput<Q>) => unknown,
  ): void {
    if (spec.path.includes(':')) throw new Error(`${spec.path}: a cached read has no path parameters`);
    if ('before' in spec) {
      throw new Error(`${spec.path}: a cached read takes caller guards, which every path runs, not before`);
    }
    const guards = [...spec.guards];
    if (guards.length === 0) throw new Error(`${spec.path}: a cached read needs at least one guard`);
    const before = guards.map(guardMiddleware);
    const run = this.register<AnyObject, Q, z.ZodUndefined>(
      { ...spec, method: 'get', before },
      ({ query, req }) => {
        if (!req.auth) throw new AppError('UNAUTHENTICATED', 401, 'Log in first.');
        return handler({ query, auth: req.auth });
      },
    );
    const path = this.prefix + spec.path;
    this.cachedSessionRoutes.push({ path, handlers: [...before, run] });
    this.hotRoutes.set(path, {
      ...(spec.query ? { query: spec.query } : {}),
      guards,
      handler,
    });
  }

  private register<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
    spec: ApiRouteSpec<P, Q, B>,
    handler: (input: ApiInput<P, Q, B>) => unknown,
  ): RequestHandler {
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(this.prefix + spec.path),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: spec.tags,
      ...(spec.security ? { security: spec.security } : {}),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body
          ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } }
          : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema
                ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
                : {}),
            },
          ]),
        ),
        default: {
          description: 'Error, as RFC 9457 problem details with a stable `code`',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    });

    const successStatus = Number(Object.keys(spec.responses).find((status) => status.startsWith('2')) ?? 200);
    const run: RequestHandler = async (req, res) => {
      const input = {
        params: spec.params ? parseInput(spec.params, req.params) : {},
        query: spec.query ? parseInput(spec.query, req.query) : {},
        body: spec.body ? parseInput(spec.body, req.body ?? {}) : undefined,
        req,
        res,
      } as ApiInput<P, Q, B>;
      const result = await handler(input);
      if (res.headersSent) return;
      if (result === undefined) res.status(successStatus === 200 ? 204 : successStatus).end();
      else res.status(successStatus).json(result);
    };
    this.router[spec.method](spec.path, ...(spec.before ?? []), run);
    return run;
  }

  /**
   * The cached reads again, on their full paths and each behind `guard`, to mount in front of the
   * session middleware. The guard either establishes `req.auth` or calls
   * `next('route')`, and then the request goes on to the full chain, where the same route is
   * served as usual.
   */
  cachedSessionRouter(guard: RequestHandler): Router {
    const router = express.Router();
    for (const route of this.cachedSessionRoutes) router.get(route.path, guard, ...route.handlers);
    return router;
  }

  document(info: { title: string; version: string; description: string; serverUrl: string }) {
    this.registry.registerComponent('securitySchemes', 'cookieSession', {
      type: 'apiKey',
      in: 'cookie',
      name: 'vratka.sid',
      description: 'Browser session. State changes also need the `X-CSRF-Token` header.',
    });
    this.registry.registerComponent('securitySchemes', 'personalAccessToken', {
      type: 'http',
      scheme: 'bearer',
      description: 'Personal access token for the companion app, limited to its scopes.',
    });
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: info.title, version: info.version, description: info.description },
      servers: [{ url: info.serverUrl }],
    });
  }
}

/** `/shops/:slug` → `/shops/{slug}` */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
