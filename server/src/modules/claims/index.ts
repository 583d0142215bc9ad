// The claims module's public door: other modules and the composition root import from here only.
export { registerAdminClaimRoutes } from './admin-claims.routes.js';
export { CLAIM_PROOF_UPLOAD_PATH, registerClaimRoutes } from './claims.routes.js';
export { ClaimsRepository } from './claims.repository.js';
export { ClaimsService, type ClaimActor, type ClaimsDeps } from './claims.service.js';
