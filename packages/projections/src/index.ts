import type { Carrier } from '@oms/domain';
import { DEFAULT_CARRIERS } from '@oms/domain';
import type { AnyProjection } from './projection.js';
import { channelCancellationsProjection } from './channelCancellations/projection.js';
import { csHistoryProjectionFor } from './csHistory/projection.js';
import { exchangesProjection } from './exchanges/projection.js';
import { expectedInboundProjection } from './expectedInbound/projection.js';
import { orderListProjection } from './orderList/projection.js';
import { returnLinesProjection, returnPickupsProjection } from './returns/projection.js';
import { productStockProjection } from './productStock/projection.js';
import { returnStatsProjection } from './returnStats/projection.js';

export * from './projection.js';
export * from './paging.js';
export * from './trigram.js';
export * from './orderList/projection.js';
export * from './orderList/queries.js';
export * from './csHistory/projection.js';
export * from './csHistory/queries.js';
export * from './csHistory/list.js';
export * from './expectedInbound/projection.js';
export * from './expectedInbound/queries.js';
export * from './channelCancellations/projection.js';
export * from './channelCancellations/queries.js';
export * from './cancelWithdrawals/queries.js';
export * from './returns/projection.js';
export * from './returns/queries.js';
export * from './exchanges/projection.js';
export * from './exchanges/queries.js';
export * from './returnStats/projection.js';
export * from './returnStats/queries.js';
export * from './productStock/projection.js';
export * from './productStock/queries.js';
export * from './migrations.js';
export * from './runner.js';
export type { Page } from './values.js';

/** What the read models are built with: the configured carriers (CS 이력 names them). */
export interface ProjectionContext {
  readonly carriers: readonly Carrier[];
}

/** Every read model, in the order a runner works through them, built for a configuration. */
export const projectionsFor = ({ carriers }: ProjectionContext): readonly AnyProjection[] => [
  orderListProjection,
  csHistoryProjectionFor(carriers),
  expectedInboundProjection,
  channelCancellationsProjection,
  returnLinesProjection,
  returnPickupsProjection,
  exchangesProjection,
  returnStatsProjection,
  productStockProjection,
];

/** Every read model with the default carriers. */
export const allProjections: readonly AnyProjection[] = projectionsFor({ carriers: DEFAULT_CARRIERS });
