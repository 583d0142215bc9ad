// The networks module's public door: other modules and the composition root import from here only.
export type { Network, NetworkKind } from './network.entity.js';
export { NetworksRepository, type NetworkValues } from './networks.repository.js';
export { changeCatalogue, readCatalogue, registerNetworkRoutes, staffActor } from './networks.routes.js';
export {
  NetworksService,
  networkNotFound,
  refuseTakenSlug,
  toAdminNetwork,
  type CatalogueDeps,
  type StaffActor,
} from './networks.service.js';
