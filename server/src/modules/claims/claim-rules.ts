import {
  CLAIM_CLOSES_AFTER_DAYS,
  CLAIM_PROOF_TYPES,
  type ClaimProofType,
  type ClaimState,
} from '@shared/contracts/claims.js';

const DAY_MS = 86_400_000;

/** The steps of a claim and the states each may start from. */
export const CLAIM_STEPS = {
  /** Support asks the shopper for more (a proof, a detail). */
  ask: ['open', 'needs_info'],
  /** The shopper answers a request. */
  answer: ['needs_info'],
  accept: ['open', 'needs_info'],
  reject: ['open', 'needs_info'],
  /** The network reported the order before a decision. */
  resolve: ['open', 'needs_info'],
} as const satisfies Record<string, readonly ClaimState[]>;
export type ClaimStep = keyof typeof CLAIM_STEPS;

export const STEP_TARGET: Record<ClaimStep, ClaimState> = {
  ask: 'needs_info',
  answer: 'open',
  accept: 'accepted',
  reject: 'rejected',
  resolve: 'resolved',
};

/** Undecided claims: the queue's work, and what a network's report of the order resolves. */
export const UNDECIDED: readonly ClaimState[] = ['open', 'needs_info'];

export function canStep(state: ClaimState, step: ClaimStep): boolean {
  return (CLAIM_STEPS[step] as readonly ClaimState[]).includes(state);
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function calendarDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return calendarDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/**
 * The days a claim for a purchase on `orderDate` can be filed: from `claimAfterDays` after it
 * (the shop's tracking has had its chance) until 60 days after it, both inclusive, in UTC dates.
 */
export function claimWindow(
  orderDate: string,
  claimAfterDays: number,
): { opensOn: string; closesOn: string } {
  return {
    opensOn: addDays(orderDate, claimAfterDays),
    closesOn: addDays(orderDate, CLAIM_CLOSES_AFTER_DAYS),
  };
}

export function isWithin(window: { opensOn: string; closesOn: string }, today: string): boolean {
  return window.opensOn <= today && today <= window.closesOn;
}

/** The first moment after the order's calendar day: a click before it may have led to the purchase. */
export function endOfOrderDay(orderDate: string): Date {
  return new Date(Date.parse(`${orderDate}T00:00:00Z`) + DAY_MS);
}

/** One calendar month after `at` (the last day of a shorter month when the day does not exist). */
export function oneMonthAfter(at: Date): Date {
  const next = new Date(at.getTime());
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}

const SIGNATURES: Array<{ type: ClaimProofType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The proof's type from its first bytes (what it is, not what it is called); null when none we take. */
export function proofTypeOf(content: Uint8Array): ClaimProofType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (content.length >= bytes.length && bytes.every((byte, index) => content[index] === byte)) return type;
  }
  return null;
}

export const PROOF_EXTENSIONS: Record<ClaimProofType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** A file name safe to store and to send back in Content-Disposition: no paths, no control characters. */
export function cleanFileName(raw: string | undefined, type: ClaimProofType): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw ?? '');
  } catch {
    decoded = '';
  }
  const name = (decoded.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 150);
  return name === '' ? `proof.${PROOF_EXTENSIONS[type]}` : name;
}

export { CLAIM_PROOF_TYPES };
