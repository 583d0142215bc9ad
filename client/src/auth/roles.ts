import type { Me, Role } from '@shared/contracts/accounts.js';

/** Roles that may open the administration; only admins change anything there. */
const STAFF_ROLES: readonly Role[] = ['admin', 'support', 'finance'];

export function isStaff(me: Me | null): boolean {
  return me !== null && STAFF_ROLES.includes(me.role);
}

export function canEditCatalogue(me: Me | null): boolean {
  return me?.role === 'admin';
}
