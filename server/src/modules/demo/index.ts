// The demo e-shop's public door (development only).
export { demoShopRouter } from './demo-shop.routes.js';
