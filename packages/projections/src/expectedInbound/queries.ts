/** What the product views ask of expected_inbound. */
import { sql } from 'kysely';

/**
 * 입고예정 of the product in the enclosing `products` row (0 when none was registered), as a column
 * `expected_inbound` of a query on `products`.
 */
export const expectedInboundOfProduct = sql<number>`coalesce((SELECT i.quantity FROM expected_inbound i WHERE i.product_code = products.code), 0)`.as('expected_inbound');
