import type { AnyProjection } from './projection.js';
import { csHistoryProjection } from './csHistory/projection.js';
import { expectedInboundProjection } from './expectedInbound/projection.js';
import { orderListProjection } from './orderList/projection.js';

export * from './projection.js';
export * from './orderList/projection.js';
export * from './csHistory/projection.js';
export * from './expectedInbound/projection.js';
export * from './migrations.js';
export * from './runner.js';
export { formatSeoul } from './values.js';

/** Every read model, in the order a runner works through them. */
export const allProjections: readonly AnyProjection[] = [orderListProjection, csHistoryProjection, expectedInboundProjection];
