// The clicks module's public door: other modules and the composition root import from here only.
export { createClickHandler } from './click-handler.js';
export { sendClickPage } from './click-pages.js';
export { ClickWriter } from './click-writer.js';
export { interstitialRouter, registerClickRoutes } from './clicks.routes.js';
export { ClicksService } from './clicks.service.js';
export { ClicksRepository, type ClickRef } from './clicks.repository.js';
