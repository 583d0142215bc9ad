// The conversions module's public door: other modules and the composition root import from here only.
export {
  ConversionsService,
  type ApplyOutcome,
  type ConversionsCreatedListener,
  type CreatedConversion,
  type SourcedReport,
} from './conversions.service.js';
export type { ConversionReport } from './conversion-plan.js';
export type { ConversionSource, ConversionSourceKind } from './conversion-source.js';
export {
  ConversionsRepository,
  type ConversionSummary,
  type NetworkHolding,
} from './conversions.repository.js';
export { AdminConversionsService, type StaffActor } from './admin-conversions.service.js';
export { conversionChecks } from './conversion-checks.js';
export { registerPurchaseRoutes } from './purchases.routes.js';
export { PurchasesService } from './purchases.service.js';
export { CONVERSION_STATES, type ConversionState } from './conversion-state.js';
