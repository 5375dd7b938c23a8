export * from './errors.js';
export * from './decider.js';
export * from './carriers.js';
export * from './order/order.js';
export * from './order/orderDecider.js';
export * from './reservation/reservation.js';
export * from './reservation/reservationDecider.js';
export * from './order/crossOrderDecider.js';
