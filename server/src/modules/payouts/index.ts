// The payouts module's public door: other modules and the composition root import from here only.
export { registerAdminPayoutRoutes } from './admin-payouts.routes.js';
export { registerPayoutRoutes } from './payouts.routes.js';
export { PayoutsRepository } from './payouts.repository.js';
export { PayoutsService, type PayoutsDeps, type PayoutTargets } from './payouts.service.js';
export { payoutChecks } from './payout-checks.js';
export { PayoutStatementsRepository } from './payout-statements.repository.js';
export { PAYOUT_STATEMENTS_PATH, registerPayoutStatementRoutes } from './payout-statements.routes.js';
export { PayoutStatementsService } from './payout-statements.service.js';
export { registerPayoutBatchRoutes } from './exports/payout-batches.routes.js';
export { PayoutBatchesRepository } from './exports/payout-batches.repository.js';
export {
  batchFilesOf,
  PayoutBatchesService,
  type PayoutBatchesDeps,
} from './exports/payout-batches.service.js';
