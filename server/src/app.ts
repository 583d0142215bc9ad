import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import { apiDocsRouter } from './platform/http/api-docs.js';
import { ApiRouter } from './platform/http/api-router.js';
import { clientAppRouter } from './platform/http/client-app.js';
import { createErrorHandler, sendProblem } from './platform/http/errors.js';
import { hotReads } from './platform/http/hot-path.js';
import { requestLogging } from './platform/http/request-logging.js';
import { securityHeaders } from './platform/http/security-headers.js';
import type { Logger } from './platform/logger.js';
import type { Mailer } from './platform/mail/mailer.js';
import { OutboxDispatcher } from './platform/mail/outbox.js';
import { SignedTokens } from './platform/security/signed-tokens.js';
import { registerAccountRoutes } from './modules/accounts/accounts.routes.js';
import { AccountsService } from './modules/accounts/accounts.service.js';
import {
  authenticate,
  authenticateFromCache,
  csrfProtection,
  sessionFromCache,
} from './modules/accounts/auth.middleware.js';
import { registerOAuthRoutes } from './modules/accounts/oauth/oauth.routes.js';
import { DatabaseSessionStore } from './modules/accounts/session-store.js';
import { sessionMiddleware } from './modules/accounts/session.js';
import { registerAdminConversionRoutes } from './modules/admin/admin-conversions.routes.js';
import { registerAdminUserRoutes } from './modules/admin/admin-users.routes.js';
import { registerApiTokenRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { ApiTokensService } from './modules/api-tokens/api-tokens.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { healthRouter } from './modules/health/health.routes.js';
import { SessionUserCache } from './modules/accounts/session-user-cache.js';
import { sessionCookieName } from './modules/accounts/session.js';
import { createClickHandler } from './modules/clicks/click-handler.js';
import { sendClickPage } from './modules/clicks/click-pages.js';
import { demoShopRouter } from './modules/demo/demo-shop.routes.js';
import { ClickWriter } from './modules/clicks/click-writer.js';
import { interstitialRouter, registerClickRoutes } from './modules/clicks/clicks.routes.js';
import { ClicksService } from './modules/clicks/clicks.service.js';
import { VISITOR_COOKIE } from '@shared/contracts/clicks.js';
import { SecretBox } from './platform/security/secret-box.js';
import { AdminConversionsService } from './modules/conversions/admin-conversions.service.js';
import { ConversionsService } from './modules/conversions/conversions.service.js';
import { registerPurchaseRoutes } from './modules/conversions/purchases.routes.js';
import { PurchasesService } from './modules/conversions/purchases.service.js';
import { Ledger } from './modules/ledger/ledger.service.js';
import { registerNetworkHealthRoutes } from './modules/postbacks/network-health.routes.js';
import { NetworkHealthService } from './modules/postbacks/network-health.service.js';
import { registerNetworkSecretRoutes } from './modules/postbacks/network-secrets.routes.js';
import { NetworkSecretsService } from './modules/postbacks/network-secrets.service.js';
import { postbackRouter } from './modules/postbacks/postbacks.routes.js';
import { PostbacksService } from './modules/postbacks/postbacks.service.js';
import { registerMarketRoutes } from './modules/markets/markets.routes.js';
import { registerNetworkRoutes } from './modules/networks/networks.routes.js';
import { NetworksService } from './modules/networks/networks.service.js';
import { registerShopAdminRoutes } from './modules/shops/shops-admin.routes.js';
import { ShopsAdminService } from './modules/shops/shops-admin.service.js';
import { ShopsRepository } from './modules/shops/shops.repository.js';
import { registerShopRoutes } from './modules/shops/shops.routes.js';
import { ShopsService } from './modules/shops/shops.service.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  mailer: Mailer;
  /** Directory of the built web client; defaults to `client/dist` under the working directory. */
  clientDirectory?: string;
}

export interface App {
  express: Express;
  api: ApiRouter;
  openApiDocument: ReturnType<ApiRouter['document']>;
  services: {
    shops: ShopsService;
    accounts: AccountsService;
    audit: AuditService;
    apiTokens: ApiTokensService;
    sessions: DatabaseSessionStore;
    tokens: SignedTokens;
    ledger: Ledger;
    conversions: ConversionsService;
    postbacks: PostbacksService;
    networkSecrets: NetworkSecretsService;
    /** `silentNetworks()` is meant for a periodic warning (not started yet). */
    networkHealth: NetworkHealthService;
  };
  /** Delivers queued mail; `main` starts its timer, tests drain it. */
  outbox: OutboxDispatcher;
  clickWriter: ClickWriter;
  /**
   * The server's request listener: the click redirect's fast path first, then Express. Use this,
   * not `express`, wherever `/go` must behave as in production.
   */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Composition root: builds the services and the HTTP application. Never listens itself. */
export function createApp(deps: AppDeps): App {
  const { config, database, logger, clock } = deps;
  const shops = new ShopsService(new ShopsRepository(database), clock);
  const outbox = new OutboxDispatcher(database, deps.mailer, clock, logger);
  const tokens = new SignedTokens(config.appKeys);
  const audit = new AuditService(database, clock);
  const sessions = new DatabaseSessionStore(database, clock);
  const apiTokens = new ApiTokensService(database, clock, audit);
  const accounts = new AccountsService({
    database,
    clock,
    tokens,
    audit,
    sessions,
    outbox,
    publicUrl: config.publicUrl,
  });
  const csrf = csrfProtection();
  const clicks = new ClicksService(database, clock);
  const clickWriter = new ClickWriter(database);
  const sessionUsers = new SessionUserCache(database, sessions, config.sessionSecret, clock);
  const sessionCookie = { cache: sessionUsers, cookieName: sessionCookieName(config) };
  sessions.onLogin.add((userId, req) =>
    clicks
      .attachVisitorClicks(userId, req.cookies?.[VISITOR_COOKIE] as string | undefined)
      .then(() => undefined),
  );
  const clientDirectory = deps.clientDirectory ?? path.resolve('client/dist');
  const ledger = new Ledger(database, clock);
  const conversions = new ConversionsService(database, ledger, clock, shops);
  const networkSecrets = new NetworkSecretsService(database, new SecretBox(config.secretsKey), clock, audit);
  const postbacks = new PostbacksService({ database, clock, logger, secrets: networkSecrets, conversions });
  const purchases = new PurchasesService(database, ledger);
  const networkHealth = new NetworkHealthService({
    database,
    clock,
    silenceAlertHours: config.postbacks.silenceAlertHours,
  });

  const api = new ApiRouter('/api/v1');
  registerMarketRoutes(api, database);
  registerShopRoutes(api, shops);
  registerAccountRoutes(api, { config, clock, accounts, audit, sessions, issueCsrfToken: csrf.issue });
  registerOAuthRoutes(api, { config, clock, database, logger, accounts, audit });
  registerClickRoutes(api, clicks);
  registerPurchaseRoutes(api, purchases);
  registerApiTokenRoutes(api, apiTokens);
  registerAdminUserRoutes(api, { database, accounts, audit });
  registerAdminConversionRoutes(
    api,
    new AdminConversionsService({ database, clock, audit, ledger, conversions }),
  );
  // Before the catalogue's /admin/networks/:slug, which would take "health" for a slug.
  registerNetworkHealthRoutes(api, networkHealth);
  registerNetworkSecretRoutes(api, { database, secrets: networkSecrets, publicUrl: config.publicUrl });
  registerNetworkRoutes(api, new NetworksService({ database, clock, audit, shops }));
  registerShopAdminRoutes(
    api,
    new ShopsAdminService({ database, clock, audit, shops, allowHttpLocalhost: !config.isProduction }),
  );
  const openApiDocument = api.document({
    title: 'Vratka API',
    version: '1.0.0',
    description:
      'Public API of Vratka, used by the web client and the companion app. Errors are RFC 9457 ' +
      'problem details with a stable `code`; money is `{amountMinor, currency}` with the amount as a string.',
    serverUrl: config.publicUrl,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  // Server to server, ahead of what browsers need (access log, security headers, cookies): a
  // postback's cost is the intake's hot path. The inbox is its record; failures are logged.
  app.use(postbackRouter(config, postbacks));
  const logRequests = requestLogging(logger);
  const addSecurityHeaders = securityHeaders(config.isProduction);
  app.use(logRequests, addSecurityHeaders, cookieParser());
  // The shopper's hot reads with a session checked in the last 30 s, ahead of the rest of the stack;
  // every other request, and every cache miss, goes on to the full chain below.
  app.use(api.cachedSessionRouter(authenticateFromCache(sessionCookie)));

  app.use(healthRouter(database));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/docs', apiDocsRouter());
  app.use(
    api.prefix,
    express.json({ limit: config.bodyLimit, strict: true }),
    sessionMiddleware(config, sessions),
    authenticate({ database, apiTokens, clock, sessionUsers: sessionCookie }),
    csrf.protect,
    api.router,
  );
  app.use('/api', (req, res) => {
    sendProblem(
      req,
      res,
      404,
      'NOT_FOUND',
      `There is no API route ${req.method} ${req.originalUrl.split('?')[0]}.`,
    );
  });
  if (!config.isProduction) app.use(demoShopRouter({ shops, database, secrets: networkSecrets }));
  app.use(interstitialRouter({ shops, clientDirectory, secureCookies: config.isProduction }));
  app.use(clientAppRouter(clientDirectory));
  app.use((req, res) => {
    sendProblem(req, res, 404, 'NOT_FOUND', 'There is nothing at this address.');
  });
  app.use(createErrorHandler(logger));

  const handleClick = createClickHandler({
    shops,
    writer: clickWriter,
    sessionUsers,
    sessionCookieName: sessionCookie.cookieName,
    secureCookies: config.isProduction,
    trustProxy: config.trustProxy,
    clock,
    logger,
  });
  // The same reads straight from the listener, in front of Express, when nothing but the read is needed.
  const serveHotRead = hotReads({
    routes: api.hotRoutes,
    authenticate: sessionFromCache(sessionCookie),
    logRequest: logRequests,
    securityHeaders: addSecurityHeaders,
    fallback: app,
  });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/go/') !== true) {
      if (!serveHotRead(req, res)) app(req, res);
      return;
    }
    handleClick(req, res).then(
      (handled) => {
        if (!handled) app(req, res);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'click handler failed');
        if (!res.headersSent) sendClickPage(res, 503);
      },
    );
  };

  return {
    express: app,
    listener,
    clickWriter,
    api,
    openApiDocument,
    services: {
      shops,
      accounts,
      audit,
      apiTokens,
      sessions,
      tokens,
      ledger,
      conversions,
      postbacks,
      networkSecrets,
      networkHealth,
    },
    outbox,
  };
}
