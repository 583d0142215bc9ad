import type { Me, Role } from '@shared/contracts/accounts.js';

/** Roles that may open the administration; only admins change anything there. */
const STAFF_ROLES: readonly Role[] = ['admin', 'support', 'finance'];

export function isStaff(me: Me | null): boolean {
  return me !== null && STAFF_ROLES.includes(me.role);
}

export function canEditCatalogue(me: Me | null): boolean {
  return me?.role === 'admin';
}

/** Admins and finance adjust money and work the unattributed queue; support only reads. */
export function canMoveMoney(me: Me | null): boolean {
  return me?.role === 'admin' || me?.role === 'finance';
}

/** Postback credentials let their holder move money: only admins see or change them. */
export function canManageCredentials(me: Me | null): boolean {
  return me?.role === 'admin';
}

/**
 * Finance's own pages (payout queue, reconciliation, shared IBANs): the server gates their routes
 * with `requireRole('finance', 'admin')`, so no one else is shown a link to them.
 */
export function canWorkFinance(me: Me | null): boolean {
  return me?.role === 'admin' || me?.role === 'finance';
}

/** The claims queue: support's work (admins too); the server gates it with `requireRole('support', 'admin')`. */
export function canWorkClaims(me: Me | null): boolean {
  return me?.role === 'admin' || me?.role === 'support';
}
