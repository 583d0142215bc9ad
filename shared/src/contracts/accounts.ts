export const ROLES = ['shopper', 'support', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
