/** What the product views ask of product_stock. */
import { sql } from 'kysely';

/** 현재고 of the product in the enclosing `products` row (0 when its stream has no event), as a column `stock`. */
export const stockOfProduct = sql<number>`coalesce((SELECT s.quantity FROM product_stock s WHERE s.product_code = products.code), 0)`.as('stock');
