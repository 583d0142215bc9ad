import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Config } from './config.js';
import type { LegalVersions } from '@shared/legal.js';
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
import {
  AccountsService,
  authenticate,
  authenticateFromCache,
  csrfProtection,
  DatabaseSessionStore,
  registerAccountRoutes,
  registerOAuthRoutes,
  sessionCookieName,
  sessionFromCache,
  sessionMiddleware,
  SessionUserCache,
} from './modules/accounts/index.js';
import { registerAdminConversionRoutes, registerAdminUserRoutes } from './modules/admin/index.js';
import { ApiTokensService, registerApiTokenRoutes } from './modules/api-tokens/index.js';
import { AuditService } from './modules/audit/index.js';
import { BankAccountsService, registerBankAccountRoutes } from './modules/bank-accounts/index.js';
import {
  CLAIM_PROOF_UPLOAD_PATH,
  ClaimsRepository,
  ClaimsService,
  registerAdminClaimRoutes,
  registerClaimRoutes,
} from './modules/claims/index.js';
import {
  PAYOUT_STATEMENTS_PATH,
  PayoutBatchesRepository,
  PayoutBatchesService,
  PayoutsRepository,
  PayoutsService,
  PayoutStatementsRepository,
  PayoutStatementsService,
  registerAdminPayoutRoutes,
  registerPayoutBatchRoutes,
  registerPayoutRoutes,
  registerPayoutStatementRoutes,
} from './modules/payouts/index.js';
import {
  ClicksRepository,
  ClicksService,
  ClickWriter,
  createClickHandler,
  interstitialRouter,
  registerClickRoutes,
  sendClickPage,
} from './modules/clicks/index.js';
import {
  AdminConversionsService,
  ConversionsRepository,
  ConversionsService,
  PurchasesService,
  registerPurchaseRoutes,
} from './modules/conversions/index.js';
import { demoShopRouter } from './modules/demo/index.js';
import { healthRouter } from './modules/health/index.js';
import { Ledger } from './modules/ledger/index.js';
import { MarketsRepository, registerMarketRoutes } from './modules/markets/index.js';
import { NetworksRepository, NetworksService, registerNetworkRoutes } from './modules/networks/index.js';
import {
  NetworkHealthService,
  NetworkSecretsService,
  PostbackInboxRepository,
  PostbacksService,
  postbackRouter,
  registerNetworkHealthRoutes,
  registerNetworkSecretRoutes,
} from './modules/postbacks/index.js';
import {
  ReconciliationRepository,
  ReconciliationService,
  registerReconciliationRoutes,
  REPORT_IMPORT_PATH,
} from './modules/reconciliation/index.js';
import {
  registerShopAdminRoutes,
  registerShopRoutes,
  ShopsAdminService,
  ShopsRepository,
  ShopsService,
} from './modules/shops/index.js';
import { VISITOR_COOKIE } from '@shared/contracts/clicks.js';
import { CLAIM_PROOF_MAX_BYTES } from '@shared/contracts/claims.js';
import { SecretBox } from './platform/security/secret-box.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  mailer: Mailer;
  /** Directory of the built web client; defaults to `client/dist` under the working directory. */
  clientDirectory?: string;
  /** Published versions of the terms and the privacy notice; `LEGAL_VERSIONS` unless a test announces one. */
  legalVersions?: LegalVersions;
}

export interface App {
  express: Express;
  api: ApiRouter;
  openApiDocument: ReturnType<ApiRouter['document']>;
  services: {
    shops: ShopsService;
    accounts: AccountsService;
    audit: AuditService;
    bankAccounts: BankAccountsService;
    apiTokens: ApiTokensService;
    sessions: DatabaseSessionStore;
    tokens: SignedTokens;
    ledger: Ledger;
    conversions: ConversionsService;
    postbacks: PostbacksService;
    networkSecrets: NetworkSecretsService;
    /** `silentNetworks()` is meant for a periodic warning (not started yet). */
    networkHealth: NetworkHealthService;
    reconciliation: ReconciliationService;
    payouts: PayoutsService;
    payoutBatches: PayoutBatchesService;
    claims: ClaimsService;
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
  const networkRows = new NetworksRepository(database);
  const shopRows = new ShopsRepository(database, networkRows);
  const shops = new ShopsService(shopRows, clock);
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
    ...(deps.legalVersions ? { legalVersions: deps.legalVersions } : {}),
  });
  const bankAccounts = new BankAccountsService({
    database,
    clock,
    tokens,
    audit,
    accounts,
    outbox,
    publicUrl: config.publicUrl,
  });
  const csrf = csrfProtection();
  const clickRows = new ClicksRepository(database);
  const clicks = new ClicksService(clickRows, clock);
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
  const conversionRows = new ConversionsRepository(database);
  const conversions = new ConversionsService(conversionRows, ledger, clock, shops, clickRows);
  const networkSecrets = new NetworkSecretsService(database, new SecretBox(config.secretsKey), clock, audit);
  const inbox = new PostbackInboxRepository(database);
  const postbacks = new PostbacksService({
    database,
    clock,
    logger,
    secrets: networkSecrets,
    conversions,
    networks: networkRows,
    inbox,
  });
  // A network deactivated or changed here or in another process (the catalogue stamp) stops being
  // served from the postbacks' cache at once, not after its TTL.
  shops.onInvalidate.add(() => postbacks.invalidate());
  const purchases = new PurchasesService(database, ledger);
  const networkHealth = new NetworkHealthService({
    inbox,
    networks: networkRows,
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
  registerBankAccountRoutes(api, { bankAccounts, audit });
  const payouts = new PayoutsService({
    database,
    clock,
    ledger,
    audit,
    accounts,
    bankAccounts,
    markets: new MarketsRepository(database),
    repository: new PayoutsRepository(database),
    publicUrl: config.publicUrl,
  });
  registerPayoutRoutes(api, payouts);
  registerAdminPayoutRoutes(api, payouts);
  const payoutBatches = new PayoutBatchesService({
    database,
    clock,
    audit,
    payouts,
    repository: new PayoutBatchesRepository(database),
    debtors: config.payoutDebtors,
  });
  registerPayoutBatchRoutes(api, payoutBatches);
  registerPayoutStatementRoutes(
    api,
    new PayoutStatementsService({
      database,
      clock,
      audit,
      payouts,
      repository: new PayoutStatementsRepository(database),
    }),
  );
  registerAdminUserRoutes(api, { accounts, audit });
  registerAdminConversionRoutes(api, {
    conversions: new AdminConversionsService({
      database,
      clock,
      audit,
      ledger,
      conversions,
      repository: conversionRows,
      accounts,
      shops: shopRows,
      networks: networkRows,
    }),
    postbacks,
  });
  const reconciliation = new ReconciliationService({
    database,
    clock,
    audit,
    conversions,
    conversionRows,
    ledger,
    networks: networkRows,
    repository: new ReconciliationRepository(database),
  });
  registerReconciliationRoutes(api, reconciliation);
  const claims = new ClaimsService({
    database,
    clock,
    audit,
    accounts,
    repository: new ClaimsRepository(database),
    shops: shopRows,
    networks: networkRows,
    clicks: clickRows,
    conversions,
    conversionRows,
    proofDirectory: config.claimProofDirectory,
    publicUrl: config.publicUrl,
  });
  // An order a network reports resolves an undecided claim for it, in the same transaction.
  conversions.onCreated.add((manager, created) => claims.resolveReported(manager, created));
  registerClaimRoutes(api, claims);
  registerAdminClaimRoutes(api, claims);
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
  // A network's report and a bank statement are larger than any other request; only their imports
  // take a larger body.
  app.use(`${api.prefix}${REPORT_IMPORT_PATH}`, express.json({ limit: '5mb', strict: true }));
  // A proof of purchase travels as the raw request body, whatever type it says it is.
  app.post(
    `${api.prefix}${CLAIM_PROOF_UPLOAD_PATH}`,
    express.raw({ type: () => true, limit: CLAIM_PROOF_MAX_BYTES }),
  );
  app.use(`${api.prefix}${PAYOUT_STATEMENTS_PATH}`, express.json({ limit: '5mb', strict: true }));
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
  if (!config.isProduction)
    app.use(demoShopRouter({ shops, networks: networkRows, secrets: networkSecrets }));
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
      bankAccounts,
      apiTokens,
      sessions,
      tokens,
      ledger,
      conversions,
      postbacks,
      networkSecrets,
      networkHealth,
      reconciliation,
      payouts,
      payoutBatches,
      claims,
    },
    outbox,
  };
}
