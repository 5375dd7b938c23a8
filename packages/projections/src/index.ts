import type { AnyProjection } from './projection.js';
import { csHistoryProjection } from './csHistory.js';
import { expectedInboundProjection } from './expectedInbound.js';
import { orderListProjection } from './orderList.js';

export * from './projection.js';
export * from './orderList.js';
export * from './csHistory.js';
export * from './expectedInbound.js';
export * from './migrations.js';
export * from './runner.js';
export { formatSeoul } from './values.js';

/** Every read model, in the order a runner works through them. */
export const allProjections: readonly AnyProjection[] = [orderListProjection, csHistoryProjection, expectedInboundProjection];
