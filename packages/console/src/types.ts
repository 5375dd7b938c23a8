/** The answers the console reads, named from the generated OpenAPI types. */
import type { paths } from './openapi';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export type OrderPage = Json<'/orders', 'get'>;
export type OrderListItem = OrderPage['items'][number];
export type Order = Json<'/orders/{no}', 'get'>;
export type OrderLine = Order['lines'][number];
export type HistoryEntry = Json<'/orders/{no}/history', 'get'>['items'][number];
export type ChainBreak = Json<'/audit/verify', 'get'>['breaks'][number];
export type SessionInfo = Json<'/session', 'get'>;
export type OrderListQuery = NonNullable<paths['/orders']['get']['parameters']['query']>;
