export * from './app.js';
export * from './auth.js';
export * from './context.js';
export * from './orders/commandHandler.js';
export * from './problem.js';
export * from './catalogue/catalogue.js';
export * from './limits.js';
export * from './logging.js';
