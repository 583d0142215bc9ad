// The audit module's public door: other modules and the composition root import from here only.
export { AuditService, redactSecrets, type AuditAction, type AuditRecord } from './audit.service.js';
export * from './audit-diff.js';
export type { AuditEntry } from './audit-entry.entity.js';
