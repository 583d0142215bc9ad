// The reconciliation module's public door: the composition root imports from here only.
export { registerReconciliationRoutes, REPORT_IMPORT_PATH } from './reconciliation.routes.js';
export { ReconciliationRepository } from './reconciliation.repository.js';
export { ReconciliationService, type ReconciliationDeps } from './reconciliation.service.js';
export { ReportPuller, type ReportPullConfig } from './report-pull.js';
