import type { z } from 'zod';
import { ProblemSchema, type Problem } from '@shared/contracts/common.js';
import {
  MarketListSchema,
  ShopPageSchema,
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
  ) {
    super(message);
  }
}

/** What the caller may pass; the server applies the defaults (e.g. `limit`). */
export type ShopQuery = Partial<ShopListQuery>;

export async function getShops(query: ShopQuery = {}, signal?: AbortSignal): Promise<ShopPage> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const encoded = search.toString();
  return request(encoded ? `/shops?${encoded}` : '/shops', ShopPageSchema, signal);
}

export async function getMarkets(signal?: AbortSignal): Promise<z.infer<typeof MarketListSchema>> {
  return request('/markets', MarketListSchema, signal);
}

async function request<T extends z.ZodType>(
  path: string,
  schema: T,
  signal?: AbortSignal,
): Promise<z.infer<T>> {
  const response = await fetch(`${API_BASE}${path}`, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    signal,
  });
  const body: unknown = await readJson(response);
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
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    const { status, code, detail, title } = problem.data;
    return new ApiError(status, code, detail ?? title, problem.data);
  }
  return new ApiError(response.status, 'HTTP_ERROR', `HTTP ${response.status} ${response.statusText}`.trim());
}
