import path from 'node:path';
import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';

/**
 * The whole configuration, parsed once from the environment. Development gets safe defaults so
 * `npm start` works on a fresh clone; production refuses to start without its secrets, because a
 * silent fallback to a well-known development secret would be a vulnerability.
 */

const DEV_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production';
const DEV_SECRETS_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1zZWNyZXRzLWtleS0zMmI=';
const DEV_APP_KEYS = '1:ZGV2ZWxvcG1lbnQtb25seS1hcHAta2V5LWRvLW5vdC11c2U=';

/** Facebook Graph API version used for the login dialog, the token exchange and the profile. */
export const FACEBOOK_GRAPH_API_VERSION = 'v23.0';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** `APP_KEYS=2:<base64>,1:<base64>` — versioned keys for signed links; the highest version signs. */
const appKeysSchema = z.string().transform((raw, ctx) => {
  const keys = new Map<number, Buffer>();
  for (const part of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^(\d+):(.+)$/.exec(part);
    const key = match?.[2] ? Buffer.from(match[2], 'base64') : undefined;
    if (!match || !key || key.length < 32) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected "version:base64key" pairs, each key at least 32 bytes',
      });
      return z.NEVER;
    }
    keys.set(Number(match[1]), key);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'at least one key is required' });
    return z.NEVER;
  }
  const currentVersion = Math.max(...keys.keys());
  return { currentVersion, keys };
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  DATA_DIR: z.string().default('./data'),
  /** Where claims' proofs of purchase are kept (default DATA_DIR/claim-proofs): never a web-served directory. */
  CLAIM_PROOF_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DB_TYPE: z.enum(['sqlite', 'mariadb', 'mysql']).default('sqlite'),
  DATABASE_URL: optionalText,
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  APP_KEYS: optionalText.pipe(appKeysSchema.optional()),
  TRUST_PROXY: optionalText,
  BODY_LIMIT: z.string().default('100kb'),
  SECRETS_KEY: optionalText.pipe(
    z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
  ),
  POSTBACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  POSTBACK_BODY_LIMIT: z.string().default('64kb'),
  POSTBACK_SILENCE_ALERT_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  MAIL_TRANSPORT: z.enum(['file', 'smtp']).optional(),
  SMTP_URL: optionalText,
  MAIL_FROM: z.string().default('Vratka <no-reply@localhost>'),
  SEED_DEMO: booleanFromEnv.optional(),
  FACEBOOK_APP_ID: optionalText,
  FACEBOOK_APP_SECRET: optionalText,
  // Facebook's endpoints; overridden only to run the login against a local OAuth server in tests.
  FACEBOOK_AUTHORIZATION_URL: optionalText.pipe(z.url().optional()),
  FACEBOOK_TOKEN_URL: optionalText.pipe(z.url().optional()),
  FACEBOOK_PROFILE_URL: optionalText.pipe(z.url().optional()),
  MOJEID_ISSUER: optionalText,
  MOJEID_CLIENT_ID: optionalText,
  MOJEID_CLIENT_SECRET: optionalText,
  // Networks' reporting APIs for the scheduled report pull (modules/reconciliation).
  REPORT_PULL_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  REPORT_PULL_DAYS: z.coerce.number().int().min(1).max(31).default(31),
  AWIN_PUBLISHER_ID: optionalText,
  AWIN_API_TOKEN: optionalText,
  AWIN_API_URL: optionalText.pipe(z.url().optional()),
  CJ_PUBLISHER_ID: optionalText,
  CJ_API_TOKEN: optionalText,
  CJ_API_URL: optionalText.pipe(z.url().optional()),
  CJ_CURRENCY: z.enum(['CZK', 'EUR']).default('EUR'),
  // The operator's accounts that bank exports pay from (modules/payouts/exports).
  PAYOUT_DEBTOR_NAME: optionalText.pipe(z.string().max(70).optional()),
  PAYOUT_DEBTOR_EUR_IBAN: optionalText,
  PAYOUT_DEBTOR_EUR_BIC: optionalText,
  PAYOUT_DEBTOR_CZK_IBAN: optionalText,
  PAYOUT_DEBTOR_CZK_BIC: optionalText,
});

type Env = z.infer<typeof envSchema>;

export type DatabaseType = Env['DB_TYPE'];

/** An account of the operator that bank exports pay from: the debtor of a pain.001 file. */
export interface DebtorAccount {
  readonly name: string;
  /** Electronic form: upper case, no spaces. */
  readonly iban: string;
  readonly bic: string;
}

/**
 * Development's stand-in accounts (valid numbers at Česká spořitelna that belong to nobody), so
 * exports work on a fresh clone; production has no default and refuses exports until configured.
 */
const DEV_DEBTOR = {
  name: 'Vratka (development)',
  EUR: { iban: 'CZ1008000000002800000008', bic: 'GIBACZPX' },
  CZK: { iban: 'CZ7508000000001000000005', bic: 'GIBACZPX' },
} as const;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  /** Claims' proofs of purchase (order confirmations, invoices), outside anything served. */
  readonly claimProofDirectory: string;
  readonly logLevel: NonNullable<Env['LOG_LEVEL']>;
  readonly database: {
    readonly type: DatabaseType;
    /** SQLite file path, or the MySQL/MariaDB connection URL. */
    readonly url: string;
    readonly poolSize: number;
  };
  readonly sessionSecret: string;
  readonly appKeys: { readonly currentVersion: number; readonly keys: ReadonlyMap<number, Buffer> };
  /** Value for Express's `trust proxy`: false, a hop count, or a list of subnets. */
  readonly trustProxy: boolean | number | string;
  readonly bodyLimit: string;
  /** Key for secrets encrypted at rest (networks' HMAC keys): 32 bytes. */
  readonly secretsKey: Buffer;
  readonly postbacks: {
    readonly ratePerMinute: number;
    readonly bodyLimit: string;
    /** A network that usually sends and has been quiet this long is reported as silent. */
    readonly silenceAlertHours: number;
  };
  /** Attempts per 15 minutes at login, registration and password reset. */
  readonly authRateLimit: { readonly perIp: number; readonly perAccount: number };
  readonly mail: {
    readonly transport: 'file' | 'smtp';
    readonly smtpUrl: string | undefined;
    readonly from: string;
    readonly directory: string;
  };
  readonly seedDemo: boolean;
  readonly facebook:
    | {
        readonly appId: string;
        readonly appSecret: string;
        readonly graphApiVersion: string;
        readonly authorizationUrl: string;
        readonly tokenUrl: string;
        readonly profileUrl: string;
      }
    | undefined;
  readonly mojeId:
    { readonly issuer: string; readonly clientId: string; readonly clientSecret: string } | undefined;
  /** The operator's account per currency that bank exports pay from; a currency without one cannot be exported. */
  readonly payoutDebtors: { readonly EUR?: DebtorAccount; readonly CZK?: DebtorAccount };
  /** The scheduled pull of networks' reports; a network without credentials is not pulled. */
  readonly reportPull: {
    readonly intervalMinutes: number;
    readonly days: number;
    readonly awin: { readonly publisherId: string; readonly token: string; readonly url: string } | undefined;
    readonly cj:
      | {
          readonly publisherId: string;
          readonly token: string;
          readonly url: string;
          readonly currency: 'CZK' | 'EUR';
        }
      | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const requireInProduction = <T>(name: keyof Env, value: T | undefined): T | undefined => {
    if (isProduction && value === undefined) problems.push(`${name}: required when NODE_ENV=production`);
    return value;
  };

  if (env.DB_TYPE !== 'sqlite' && env.DATABASE_URL === undefined) {
    problems.push(
      `DATABASE_URL: required when DB_TYPE=${env.DB_TYPE} (mysql://user:password@host:3306/database)`,
    );
  }
  const sessionSecret = requireInProduction('SESSION_SECRET', env.SESSION_SECRET);
  const appKeys = requireInProduction('APP_KEYS', env.APP_KEYS);
  const publicUrl = requireInProduction('PUBLIC_URL', env.PUBLIC_URL);
  const secretsKey = requireInProduction('SECRETS_KEY', env.SECRETS_KEY);
  const mailTransport = env.MAIL_TRANSPORT ?? (isProduction ? 'smtp' : 'file');
  if (mailTransport === 'smtp' && env.SMTP_URL === undefined) {
    problems.push('SMTP_URL: required when mail goes out by SMTP (smtp://user:password@host:587)');
  }
  if (isProduction && env.SECRETS_KEY === DEV_SECRETS_KEY) {
    problems.push('SECRETS_KEY: the development default must not be used in production');
  }
  if (isProduction && env.SESSION_SECRET === DEV_SESSION_SECRET) {
    problems.push('SESSION_SECRET: the development default must not be used in production');
  }
  if (isProduction && env.APP_KEYS !== undefined && source.APP_KEYS?.includes(DEV_APP_KEYS.split(':')[1]!)) {
    problems.push('APP_KEYS: the development default must not be used in production');
  }
  if ((env.FACEBOOK_APP_ID === undefined) !== (env.FACEBOOK_APP_SECRET === undefined)) {
    problems.push('FACEBOOK_APP_ID and FACEBOOK_APP_SECRET: set both or neither');
  }
  for (const name of ['FACEBOOK_AUTHORIZATION_URL', 'FACEBOOK_TOKEN_URL', 'FACEBOOK_PROFILE_URL'] as const) {
    // The token request carries the app secret: never over plain HTTP in production.
    if (isProduction && env[name]?.startsWith('http:')) problems.push(`${name}: must be https in production`);
  }
  const mojeIdParts = [env.MOJEID_ISSUER, env.MOJEID_CLIENT_ID, env.MOJEID_CLIENT_SECRET];
  if (mojeIdParts.some((part) => part !== undefined) && mojeIdParts.some((part) => part === undefined)) {
    problems.push('MOJEID_ISSUER, MOJEID_CLIENT_ID and MOJEID_CLIENT_SECRET: set all three or none');
  }
  for (const [id, token] of [
    ['AWIN_PUBLISHER_ID', 'AWIN_API_TOKEN'],
    ['CJ_PUBLISHER_ID', 'CJ_API_TOKEN'],
  ] as const) {
    if ((env[id] === undefined) !== (env[token] === undefined))
      problems.push(`${id} and ${token}: set both or none`);
  }
  const payoutDebtors = debtorAccounts(env, isProduction, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(env.DATA_DIR);
  const config: Config = {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: (publicUrl ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir,
    claimProofDirectory: path.resolve(env.CLAIM_PROOF_DIR ?? path.join(dataDir, 'claim-proofs')),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    database: {
      type: env.DB_TYPE,
      url:
        env.DB_TYPE === 'sqlite'
          ? (env.DATABASE_URL ?? path.join(dataDir, 'vratka.sqlite'))
          : env.DATABASE_URL!,
      poolSize: env.DB_POOL_SIZE,
    },
    sessionSecret: sessionSecret ?? DEV_SESSION_SECRET,
    appKeys: appKeys ?? appKeysSchema.parse(DEV_APP_KEYS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    bodyLimit: env.BODY_LIMIT,
    secretsKey: Buffer.from(secretsKey ?? DEV_SECRETS_KEY, 'base64'),
    postbacks: {
      ratePerMinute: env.POSTBACK_RATE_LIMIT_PER_MINUTE,
      bodyLimit: env.POSTBACK_BODY_LIMIT,
      silenceAlertHours: env.POSTBACK_SILENCE_ALERT_HOURS,
    },
    authRateLimit: { perIp: env.AUTH_RATE_LIMIT_PER_IP, perAccount: env.AUTH_RATE_LIMIT_PER_ACCOUNT },
    mail: {
      transport: mailTransport,
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      directory: path.join(dataDir, 'mail'),
    },
    seedDemo: env.SEED_DEMO ?? !isProduction,
    facebook:
      env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET
        ? {
            appId: env.FACEBOOK_APP_ID,
            appSecret: env.FACEBOOK_APP_SECRET,
            graphApiVersion: FACEBOOK_GRAPH_API_VERSION,
            authorizationUrl:
              env.FACEBOOK_AUTHORIZATION_URL ??
              `https://www.facebook.com/${FACEBOOK_GRAPH_API_VERSION}/dialog/oauth`,
            tokenUrl:
              env.FACEBOOK_TOKEN_URL ??
              `https://graph.facebook.com/${FACEBOOK_GRAPH_API_VERSION}/oauth/access_token`,
            profileUrl:
              env.FACEBOOK_PROFILE_URL ?? `https://graph.facebook.com/${FACEBOOK_GRAPH_API_VERSION}/me`,
          }
        : undefined,
    mojeId:
      env.MOJEID_ISSUER && env.MOJEID_CLIENT_ID && env.MOJEID_CLIENT_SECRET
        ? {
            issuer: env.MOJEID_ISSUER,
            clientId: env.MOJEID_CLIENT_ID,
            clientSecret: env.MOJEID_CLIENT_SECRET,
          }
        : undefined,
    payoutDebtors,
    reportPull: {
      intervalMinutes: env.REPORT_PULL_INTERVAL_MINUTES,
      days: env.REPORT_PULL_DAYS,
      awin:
        env.AWIN_PUBLISHER_ID && env.AWIN_API_TOKEN
          ? {
              publisherId: env.AWIN_PUBLISHER_ID,
              token: env.AWIN_API_TOKEN,
              url: (env.AWIN_API_URL ?? 'https://api.awin.com').replace(/\/+$/, ''),
            }
          : undefined,
      cj:
        env.CJ_PUBLISHER_ID && env.CJ_API_TOKEN
          ? {
              publisherId: env.CJ_PUBLISHER_ID,
              token: env.CJ_API_TOKEN,
              url: env.CJ_API_URL ?? 'https://commissions.api.cj.com/query',
              currency: env.CJ_CURRENCY,
            }
          : undefined,
    },
  };
  return deepFreeze(config);
}

/**
 * `PAYOUT_DEBTOR_NAME` with `PAYOUT_DEBTOR_<CCY>_IBAN` and `_BIC` for each currency exported. The
 * CZK account must be Czech (domestic transfers). Development falls back to stand-in accounts.
 */
function debtorAccounts(
  env: Env,
  isProduction: boolean,
  problems: string[],
): { EUR?: DebtorAccount; CZK?: DebtorAccount } {
  const configured = [
    env.PAYOUT_DEBTOR_NAME,
    env.PAYOUT_DEBTOR_EUR_IBAN,
    env.PAYOUT_DEBTOR_EUR_BIC,
    env.PAYOUT_DEBTOR_CZK_IBAN,
    env.PAYOUT_DEBTOR_CZK_BIC,
  ].some((value) => value !== undefined);
  if (!configured) {
    return isProduction
      ? {}
      : {
          EUR: { name: DEV_DEBTOR.name, ...DEV_DEBTOR.EUR },
          CZK: { name: DEV_DEBTOR.name, ...DEV_DEBTOR.CZK },
        };
  }
  const accounts: { EUR?: DebtorAccount; CZK?: DebtorAccount } = {};
  for (const currency of ['EUR', 'CZK'] as const) {
    const ibanName = `PAYOUT_DEBTOR_${currency}_IBAN` as const;
    const bicName = `PAYOUT_DEBTOR_${currency}_BIC` as const;
    const iban = env[ibanName]?.replace(/\s+/g, '').toUpperCase();
    const bic = env[bicName]?.replace(/\s+/g, '').toUpperCase();
    if (iban === undefined && bic === undefined) continue;
    if (iban === undefined || bic === undefined) {
      problems.push(`${ibanName} and ${bicName}: set both or neither`);
      continue;
    }
    if (!isValidIBAN(iban)) problems.push(`${ibanName}: not a valid IBAN`);
    else if (currency === 'CZK' && !iban.startsWith('CZ'))
      problems.push(`${ibanName}: CZK payouts go out from a Czech account (CZ…)`);
    if (!isValidBIC(bic)) problems.push(`${bicName}: not a valid BIC`);
    if (env.PAYOUT_DEBTOR_NAME === undefined) {
      problems.push(`PAYOUT_DEBTOR_NAME: required with ${ibanName}`);
      continue;
    }
    accounts[currency] = { name: env.PAYOUT_DEBTOR_NAME, iban, bic };
  }
  return accounts;
}

function deepFreeze<T>(value: T): T {
  if (
    value &&
    typeof value === 'object' &&
    !Object.isFrozen(value) &&
    !(value instanceof Map) &&
    !ArrayBuffer.isView(value)
  ) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
