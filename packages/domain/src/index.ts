export * from './errors.js';
export * from './decider.js';
export * from './carriers.js';
export * from './order/order.js';
export * from './order/orderDecider.js';
