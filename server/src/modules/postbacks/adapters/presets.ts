import { z } from 'zod';
import { parseDecimalToMinor } from '@shared/money.js';
import type { ConversionState } from '../../conversions/index.js';
import {
  amount,
  category,
  currency,
  malformed,
  optionalText,
  parameters,
  status,
  text,
  timestamp,
  type Adapter,
  type PostbackEvent,
  type RawPostback,
} from './adapter.js';

/** First present parameter among several spellings (macro name, snake_case template key). */
function pick(values: Map<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    const value = values.get(name.toLowerCase());
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * The category parameter: the one the network's settings name (`categoryParam`), else the first
 * present of the preset's usual names.
 */
function pickCategory(values: Map<string, unknown>, settings: Record<string, unknown>, ...names: string[]) {
  const configured = settings.categoryParam;
  return typeof configured === 'string' && configured.trim() !== ''
    ? category(pick(values, configured.trim()), configured.trim())
    : category(pick(values, ...names), names[0]);
}

/** A click reference that is not one of our ids attributes to nobody (→ unattributed). */
function clickReference(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 64) : null;
}

// --- signed: our own protocol over Standard Webhooks ------------------------------------------

const SignedBody = z.object({
  id: z.string().min(1).max(128),
  click_id: z.string().max(64).nullable().optional(),
  order_id: z.string().min(1).max(128),
  order_amount: z.string(),
  commission: z.string(),
  currency: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'settled']),
  occurred_at: z.string().max(40).optional(),
  reason: z.string().max(500).optional(),
  /** The category (commission group) of the purchase; it chooses the shop's rule for it. */
  category: z.string().nullable().optional(),
});

export const signedAdapter: Adapter = (raw) => {
  let json: unknown;
  try {
    json = JSON.parse(raw.body.toString('utf8'));
  } catch {
    throw malformed('the body is not valid JSON');
  }
  const parsed = SignedBody.safeParse(json);
  if (!parsed.success)
    throw malformed(
      `the body does not match the signed postback format: ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    );
  const body = parsed.data;
  return {
    clickId: clickReference(body.click_id ?? undefined),
    orderId: body.order_id,
    orderAmountMinor: amount(body.order_amount, 'order_amount'),
    commissionMinor: amount(body.commission, 'commission'),
    currency: currency(body.currency),
    state: body.status,
    occurredAt: timestamp(body.occurred_at),
    reason: body.reason ?? null,
    category: category(body.category),
  };
};

// --- Awin: POST form field AwinTransactionPush holding JSON; no status (always pending) -------

/**
 * The commission group of an Awin transaction: `commissionGroups` is a list of `{id, name, code,
 * description}` (a JSON text in GET mode). With several groups in one transaction the whole order
 * is paid under one rule, so we take the group that carries most of it: the largest commission
 * when the groups state theirs (`commissionAmount` or `amount`), else the largest product value
 * (`products[].unitPrice × quantity` by `cgId`), else the first listed. Its `code` is the category
 * (its `name` when it has no code).
 */
export function awinCommissionGroup(fields: Map<string, unknown>): string | null {
  const asList = (value: unknown): unknown[] => {
    if (typeof value === 'string' && value.trim().startsWith('[')) {
      try {
        value = JSON.parse(value);
      } catch {
        throw malformed('commissionGroups is not valid JSON');
      }
    }
    return Array.isArray(value) ? (value as unknown[]) : [];
  };
  const groups = asList(pick(fields, 'commissionGroups')).filter(
    (group): group is Record<string, unknown> => typeof group === 'object' && group !== null,
  );
  if (groups.length === 0) return null;
  // Ids, prices and quantities come as strings or numbers; anything else counts as absent.
  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  const minorOf = (value: unknown) => parseDecimalToMinor(scalar(value) ?? '') ?? 0n;
  const products = asList(pick(fields, 'products')).filter(
    (product): product is Record<string, unknown> => typeof product === 'object' && product !== null,
  );
  const productValue = (groupId: string | undefined) =>
    products
      .filter((product) => groupId !== undefined && scalar(product.cgId) === groupId)
      .reduce((sum, product) => {
        const quantity = scalar(product.quantity) ?? '1';
        return sum + minorOf(product.unitPrice) * (/^\d{1,6}$/.test(quantity) ? BigInt(quantity) : 1n);
      }, 0n);
  const weights = groups.map((group) => ({
    group,
    commission: minorOf(group.commissionAmount ?? group.amount),
    value: productValue(scalar(group.id)),
  }));
  let chosen = weights[0]!;
  for (const weight of weights.slice(1)) {
    const better =
      weight.commission !== chosen.commission
        ? weight.commission > chosen.commission
        : weight.value > chosen.value;
    if (better) chosen = weight;
  }
  const code = chosen.group.code ?? chosen.group.name;
  return category(typeof code === 'string' && code.trim() !== '' ? code : undefined, 'commissionGroups');
}

export const awinAdapter: Adapter = (raw) => {
  let fields: Map<string, unknown>;
  const form = raw.contentType.includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(raw.body.toString('utf8')).get('AwinTransactionPush')
    : null;
  if (form !== null) {
    let json: unknown;
    try {
      json = JSON.parse(form);
    } catch {
      throw malformed('AwinTransactionPush is not valid JSON');
    }
    if (typeof json !== 'object' || json === null)
      throw malformed('AwinTransactionPush must be a JSON object');
    fields = new Map(Object.entries(json).map(([key, value]) => [key.toLowerCase(), value as unknown]));
  } else {
    fields = parameters(raw);
  }
  return {
    clickId: clickReference(pick(fields, 'clickRef')),
    orderId: text(pick(fields, 'transactionId'), 'transactionId'),
    orderAmountMinor: amount(pick(fields, 'transactionAmount'), 'transactionAmount'),
    commissionMinor: amount(pick(fields, 'commission'), 'commission'),
    currency: currency(pick(fields, 'transactionCurrency')),
    // Awin pushes a transaction when it is recorded; later decisions come through reconciliation.
    state: 'pending',
    occurredAt: timestamp(pick(fields, 'transactionDate')),
    reason: null,
    category: awinCommissionGroup(fields),
  };
};

// --- Impact: {SubId1} {ActionId} {Status} {Payout} {Amount} {Currency} {EventDate} -------------

const IMPACT_STATUSES: Record<string, ConversionState> = {
  pending: 'pending',
  approved: 'approved',
  locked: 'approved',
  cleared: 'settled',
  paid: 'settled',
  reversed: 'rejected',
  rejected: 'rejected',
};

/**
 * Impact's postback is a template the publisher writes, so the category is whatever parameter it
 * maps a category macro to: `categoryParam` in the network's settings, else `Category`,
 * `ItemCategory` (or their snake_case forms).
 */
export const impactAdapter: Adapter = (raw, settings) => {
  const fields = parameters(raw);
  return {
    clickId: clickReference(pick(fields, 'SubId1', 'sub_id1', 'subid1')),
    orderId: text(pick(fields, 'ActionId', 'action_id'), 'ActionId'),
    orderAmountMinor: amount(pick(fields, 'Amount', 'amount'), 'Amount'),
    commissionMinor: amount(pick(fields, 'Payout', 'payout'), 'Payout'),
    currency: currency(pick(fields, 'Currency', 'currency')),
    state: status(pick(fields, 'Status', 'status'), IMPACT_STATUSES, 'Status'),
    occurredAt: timestamp(pick(fields, 'EventDate', 'event_date')),
    reason: optionalText(pick(fields, 'StatusDetail', 'status_detail')),
    category: pickCategory(fields, settings, 'Category', 'ItemCategory', 'item_category'),
  };
};

// --- Admitad: [[[subid]]] [[[order_id]]] [[[payment_sum]]] [[[order_sum]]] [[[status]]] ------

const ADMITAD_STATUSES: Record<string, ConversionState> = {
  new: 'pending',
  pending: 'pending',
  approved: 'approved',
  approved_but_stalled: 'approved',
  declined: 'rejected',
  // The postback subscription ids: 5 new, 6 approved, 7 declined, 8 pending.
  '5': 'pending',
  '6': 'approved',
  '7': 'rejected',
  '8': 'pending',
};

/**
 * Admitad pays by tariff (a rate, usually per product category) within an action: the category is
 * `category` when the postback template sends one, else the tariff code or id, else the action
 * code — or the parameter the network's settings name (`categoryParam`).
 */
export const admitadAdapter: Adapter = (raw, settings) => {
  const fields = parameters(raw);
  return {
    clickId: clickReference(pick(fields, 'subid')),
    orderId: text(pick(fields, 'order_id'), 'order_id'),
    orderAmountMinor: amount(pick(fields, 'order_sum') ?? '0', 'order_sum'),
    commissionMinor: amount(pick(fields, 'payment_sum'), 'payment_sum'),
    currency: currency(pick(fields, 'currency')),
    state: status(pick(fields, 'status', 'payment_status') ?? 'pending', ADMITAD_STATUSES),
    occurredAt: timestamp(pick(fields, 'time')),
    reason: null,
    category: pickCategory(fields, settings, 'category', 'tariff_code', 'tariff_id', 'action_code'),
  };
};

// --- generic: the network's settings name the parameters ---------------------------------------

/**
 * Settings: `clickParam`, `orderParam`, `orderAmountParam`, `commissionParam`, `currencyParam`,
 * `statusParam`, `timeParam`, `categoryParam` (default `category`) and `statusValues`
 * ("approved=approved,declined=rejected,…").
 * Without a status parameter every message is "pending".
 */
export const genericAdapter: Adapter = (raw: RawPostback, settings): PostbackEvent => {
  const fields = parameters(raw);
  const name = (key: string, fallback: string) => {
    const value = settings[key];
    return typeof value === 'string' ? value : fallback;
  };
  const statusValues: Record<string, ConversionState> = {
    pending: 'pending',
    approved: 'approved',
    rejected: 'rejected',
    settled: 'settled',
  };
  if (typeof settings.statusValues === 'string') {
    for (const pair of settings.statusValues.split(',')) {
      const [theirs, ours] = pair.split('=').map((part) => part.trim());
      if (theirs && ours && ['pending', 'approved', 'rejected', 'settled'].includes(ours)) {
        statusValues[theirs.toLowerCase()] = ours as ConversionState;
      }
    }
  }
  const statusValue = pick(fields, name('statusParam', 'status'));
  return {
    clickId: clickReference(pick(fields, name('clickParam', 'click_id'))),
    orderId: text(pick(fields, name('orderParam', 'order_id')), 'order id'),
    orderAmountMinor: amount(pick(fields, name('orderAmountParam', 'order_amount')), 'order amount'),
    commissionMinor: amount(pick(fields, name('commissionParam', 'commission')), 'commission'),
    currency: currency(pick(fields, name('currencyParam', 'currency'))),
    state: statusValue === undefined ? 'pending' : status(statusValue, statusValues),
    occurredAt: timestamp(pick(fields, name('timeParam', 'time'))),
    reason: null,
    category: pickCategory(fields, settings, 'category'),
  };
};

export const ADAPTERS = {
  signed: signedAdapter,
  awin: awinAdapter,
  impact: impactAdapter,
  admitad: admitadAdapter,
  generic: genericAdapter,
} as const;
