// The health module's public door.
export { healthRouter } from './health.routes.js';
