import { z } from 'zod';
import {
  AcceptedResponseSchema,
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  AuditPageSchema,
  CsrfResponseSchema,
  LoginResponseSchema,
  MeSchema,
  PreferencesSchema,
  SessionListSchema,
  SessionStateSchema,
  type Me,
  type Preferences,
  type PreferencesUpdate,
  type Provider,
  type ProfilePatch,
  type RegisterRequest,
  type TermsAcceptance,
  type TokenScope,
} from '@shared/contracts/accounts.js';
import { ProblemSchema, type Problem } from '@shared/contracts/common.js';
import type { MarketingCategory } from '@shared/legal.js';
import type { Language, MarketCode } from '@shared/markets.js';
import { MyClickPageSchema } from '@shared/contracts/clicks.js';
import {
  MarketListSchema,
  ShopDetailSchema,
  ShopPageSchema,
  type ShopDetail,
  type ShopListQuery,
  type ShopPage,
} from '@shared/contracts/shops.js';

const API_BASE = '/api/v1';

/** A failed API call: the HTTP status and the stable `code` from the problem details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem?: Problem,
    /** Seconds to wait before trying again, from `Retry-After` (429 answers). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The server could not be reached at all (offline, DNS, connection reset). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

// ---------------------------------------------------------------------------------------------
// CSRF: every change needs `X-CSRF-Token`. The token lives in the server session, so it is
// fetched once, replaced by the one login returns (the session id changes there), dropped at
// logout, and fetched again when the server says it no longer matches.

let csrfToken: Promise<string> | undefined;

function currentCsrfToken(): Promise<string> {
  csrfToken ??= request('GET', '/auth/csrf', CsrfResponseSchema).then(
    (answer) => answer.csrfToken,
    (error: unknown) => {
      csrfToken = undefined;
      throw error;
    },
  );
  return csrfToken;
}

function setCsrfToken(token: string | undefined): void {
  csrfToken = token === undefined ? undefined : Promise.resolve(token);
}

// ---------------------------------------------------------------------------------------------
// Session expiry: a change answered 401 means the session is gone; the auth provider listens.

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

// ---------------------------------------------------------------------------------------------
// Shops

/** What the caller may pass; the server applies the defaults (e.g. `limit`). */
export type ShopQuery = Partial<ShopListQuery>;

export async function getShops(query: ShopQuery = {}, signal?: AbortSignal): Promise<ShopPage> {
  const encoded = pageQuery(query);
  return request('GET', encoded ? `/shops?${encoded}` : '/shops', ShopPageSchema, { signal });
}

export async function getShop(slug: string, signal?: AbortSignal): Promise<ShopDetail> {
  return request('GET', `/shops/${encodeURIComponent(slug)}`, ShopDetailSchema, { signal });
}

export async function getMarkets(signal?: AbortSignal): Promise<z.infer<typeof MarketListSchema>> {
  return request('GET', '/markets', MarketListSchema, { signal });
}

// ---------------------------------------------------------------------------------------------
// Signing up, logging in, links from e-mails

export type Accepted = z.infer<typeof AcceptedResponseSchema>;
export type Session = z.infer<typeof SessionListSchema>['items'][number];
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditEntry = AuditPage['items'][number];
export type ApiToken = z.infer<typeof ApiTokenListSchema>['items'][number];
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
export type MarketingChoices = Partial<Record<MarketingCategory, boolean>>;

const EndedSessionsSchema = z.object({ endedSessions: z.number().int() });
export const NoContent = z.undefined();

export function register(input: RegisterRequest): Promise<Accepted> {
  return change('POST', '/auth/register', AcceptedResponseSchema, input);
}

export async function login(input: { email: string; password: string; remember: boolean }): Promise<Me> {
  const answer = await change('POST', '/auth/login', LoginResponseSchema, input);
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

export async function logout(): Promise<void> {
  try {
    await change('POST', '/auth/logout', NoContent);
  } finally {
    // The session is gone (or was already): the next change needs a token of a new session.
    setCsrfToken(undefined);
  }
}

export function verifyEmail(token: string): Promise<void> {
  return change('POST', '/auth/verify-email', NoContent, { token });
}

export function resendVerification(): Promise<Accepted> {
  return change('POST', '/auth/verify-email/resend', AcceptedResponseSchema);
}

export function requestPasswordReset(email: string): Promise<Accepted> {
  return change('POST', '/auth/password-reset', AcceptedResponseSchema, { email });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return change('POST', '/auth/password-reset/confirm', NoContent, { token, password });
}

export function confirmEmailChange(token: string): Promise<void> {
  return change('POST', '/auth/email-change/confirm', NoContent, { token });
}

// ---------------------------------------------------------------------------------------------
// My account

export type SessionState = z.infer<typeof SessionStateSchema>;
export type ProviderAvailability = SessionState['providers'];
/** The terms and privacy notice in effect, and any announced change, as the server sees the date. */
export type LegalVersionsNow = SessionState['legal'];

/**
 * Who is logged in (`user: null` for a visitor) and which social logins this instance offers.
 * Always 200, so asking on every visit logs no error in the browser.
 */
export async function getSession(signal?: AbortSignal): Promise<SessionState> {
  return request('GET', '/auth/session', SessionStateSchema, { signal });
}

/** The logged-in shopper, or `null` when nobody is logged in. */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await request('GET', '/me', MeSchema, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export type MyClickPage = z.infer<typeof MyClickPageSchema>;
export type MyClick = MyClickPage['items'][number];

/** Shops I visited through Vratka, newest first. */
export function getMyClicks(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<MyClickPage> {
  return request('GET', `/me/clicks?${pageQuery(query)}`, MyClickPageSchema, { signal });
}

export function updateProfile(patch: ProfilePatch): Promise<Me> {
  return change('PATCH', '/me', MeSchema, patch);
}

export function completeOnboarding(input: {
  market: MarketCode;
  language: Language;
  marketing: MarketingChoices;
  adultConfirmed: true;
  termsVersion: string;
  privacyVersion: string;
}): Promise<Me> {
  return change('POST', '/me/onboarding', MeSchema, input);
}

/** Accepts the terms and privacy notice in effect, after a new version took effect. */
export function acceptTerms(input: TermsAcceptance): Promise<Me> {
  return change('POST', '/me/terms-acceptance', MeSchema, input);
}

/** My marketing e-mail consent per category, and my language. */
export function getPreferences(signal?: AbortSignal): Promise<Preferences> {
  return request('GET', '/me/preferences', PreferencesSchema, { signal });
}

/** Replaces my marketing choice (every category); each changed category is logged as consent. */
export function updatePreferences(input: PreferencesUpdate): Promise<Preferences> {
  return change('PUT', '/me/preferences', PreferencesSchema, input);
}

export function changePassword(input: {
  currentPassword: string;
  newPassword: string;
  endOtherSessions: boolean;
}): Promise<{ endedSessions: number }> {
  return change('POST', '/me/password', EndedSessionsSchema, input);
}

export function requestEmailChange(input: { currentPassword: string; newEmail: string }): Promise<Accepted> {
  return change('POST', '/me/email', AcceptedResponseSchema, input);
}

export async function listSessions(signal?: AbortSignal): Promise<Session[]> {
  return (await request('GET', '/me/sessions', SessionListSchema, { signal })).items;
}

export function revokeSession(id: string): Promise<void> {
  return change('DELETE', `/me/sessions/${encodeURIComponent(id)}`, NoContent);
}

export function revokeOtherSessions(): Promise<{ endedSessions: number }> {
  return change('DELETE', '/me/sessions', EndedSessionsSchema);
}

export function getAudit(
  query: { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return request('GET', `/me/audit?${pageQuery(query)}`, AuditPageSchema, { signal });
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await request('GET', '/me/tokens', ApiTokenListSchema, { signal })).items;
}

export function createToken(input: {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number;
}): Promise<ApiTokenCreated> {
  return change('POST', '/me/tokens', ApiTokenCreatedSchema, input);
}

export function revokeToken(id: string): Promise<void> {
  return change('DELETE', `/me/tokens/${encodeURIComponent(id)}`, NoContent);
}

export function unlinkProvider(provider: Provider): Promise<void> {
  return change('DELETE', `/me/identities/${provider}`, NoContent);
}

/** Where the browser goes to log in (or, with `link`, to connect a login) through a provider. */
export function providerLoginUrl(
  provider: Provider,
  options: { link?: boolean; next?: string | null } = {},
): string {
  const query = new URLSearchParams();
  if (options.link) query.set('link', '1');
  // The server checks `next` again and only returns to a path on this site.
  if (options.next) query.set('next', options.next);
  const search = query.toString();
  return `${API_BASE}/auth/${provider}${search ? `?${search}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Transport (also used by `admin.ts`, which only the staff pages load)

/** `limit=…&cursor=…` for the keyset-paginated lists; empty values are left out. */
export function pageQuery(query: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  return search.toString();
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  csrfToken?: string;
  signal?: AbortSignal;
  /** Further request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

/** A state-changing call: sends the CSRF token, and retries once with a fresh one if it is stale. */
export async function change<T extends z.ZodType>(
  method: Exclude<Method, 'GET'>,
  path: string,
  schema: T,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<z.infer<T>> {
  const attempt = async () =>
    request(method, path, schema, {
      body,
      csrfToken: await currentCsrfToken(),
      ...(headers ? { headers } : {}),
    });
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 403 && error.code === 'CSRF_INVALID') {
      setCsrfToken(undefined);
      return attempt();
    }
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') {
      setCsrfToken(undefined);
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
}

export async function request<T extends z.ZodType>(
  method: Method,
  path: string,
  schema: T,
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  // A file (a claim's proof) travels as it is; anything else as JSON.
  const file = options.body instanceof Blob ? options.body : undefined;
  if (file) headers['Content-Type'] = file.type || 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrfToken !== undefined) headers['X-CSRF-Token'] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, NETWORK_ERROR, 'The server could not be reached.');
  }
  const body: unknown = response.status === 204 ? undefined : await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, 'INVALID_RESPONSE', `Unexpected response from ${path}`);
  }
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    const { status, code, detail, title } = problem.data;
    return new ApiError(status, code, detail ?? title, problem.data, retryAfterSeconds);
  }
  return new ApiError(
    response.status,
    'HTTP_ERROR',
    `HTTP ${response.status} ${response.statusText}`.trim(),
    undefined,
    retryAfterSeconds,
  );
}
