/** Guards and input rules shared by the CS actions: each throws a typed DomainError naming the rule. */
import { DomainError, conflict, invalid, notFound } from '../errors.js';
import type { LineItem, LineProduct, LineQuantity, OrderLine, OrderState, OrderStatus, PlacedOrder } from './model.js';
import { csStateOf, ORDER_STATUS_LABELS } from './model.js';

/** 송장번호: digits only. The API's schema uses this very pattern. */
export const TRACKING_NUMBER_PATTERN = /^[0-9]{8,20}$/;
/** An ISO-8601 date-time with an explicit offset: without one, Date.parse would read it in the process's time zone. */
export const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const placed = (state: OrderState): PlacedOrder => {
  if (state.kind !== 'placed') throw notFound('ORDER_NOT_FOUND', 'The order does not exist.');
  return state;
};

/** A placed order that was not deleted: every CS action but a memo or 완료 needs one. */
export const live = (state: OrderState): PlacedOrder => {
  const order = placed(state);
  if (order.deleted) throw conflict('ORDER_DELETED', `Order ${order.no} was deleted (주문삭제); its history stays readable.`, { no: order.no });
  return order;
};

export const notCancelled = (order: PlacedOrder): PlacedOrder => {
  if (csStateOf(order) === 'cancelled') {
    throw conflict('ORDER_CANCELLED', `Order ${order.no} is cancelled; restore it first.`, { no: order.no });
  }
  return order;
};

export const notHeld = (order: PlacedOrder, action: string): PlacedOrder => {
  if (order.hold) throw conflict('ORDER_HELD', `Order ${order.no} is on hold (보류): ${action} is not allowed until the hold is released.`, { no: order.no });
  return order;
};

export const inStatus = (order: PlacedOrder, allowed: readonly OrderStatus[], action: string): PlacedOrder => {
  if (!allowed.includes(order.status)) {
    const labels = allowed.map((s) => ORDER_STATUS_LABELS[s]).join(', ');
    throw conflict(
      'ORDER_STATUS_CONFLICT',
      `${action} needs the order in ${labels}; order ${order.no} is ${ORDER_STATUS_LABELS[order.status]}.`,
      { no: order.no, orderStatus: order.status, allowed },
    );
  }
  return order;
};

/** After 송장 a cancellation is a return (회수), not a cancel. */
export const returnRequired = (order: PlacedOrder, action: string): DomainError =>
  conflict(
    'RETURN_REQUIRED',
    `${action} is not allowed once the order has an invoice (${ORDER_STATUS_LABELS[order.status]}): it must be a return (회수).`,
    { no: order.no, orderStatus: order.status },
  );

export const nonBlank = (value: string, field: string): string => {
  if (value.trim() === '') throw invalid('FIELD_REQUIRED', `${field} must not be blank.`, field);
  return value.trim();
};

export const nonNegativeInteger = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 0) throw invalid('INVALID_AMOUNT', `${field} must be a whole number ≥ 0.`, field);
  return value;
};

export const positiveQuantity = (value: number, field: string): number => {
  if (!Number.isInteger(value) || value < 1) throw invalid('INVALID_QUANTITY', `${field} must be a whole number ≥ 1.`, field);
  return value;
};

/** An ISO-8601 instant with an offset, later than `now`. */
export const futureInstant = (value: string, now: string, field: string): string => {
  const at = ISO_DATE_TIME_PATTERN.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalid('INVALID_ALARM_TIME', `${field} must be an ISO-8601 date-time.`, field);
  if (at <= Date.parse(now)) throw invalid('ALARM_IN_PAST', `${field} must be later than now.`, field);
  return value;
};

/**
 * The most an order can come to — every unit ever ordered at its price, plus shipping — stays a safe
 * integer: totals are then exact in JSON and fit the read models' bigint columns, so no accepted event
 * can stop a projection.
 */
export const withinAmountLimit = (order: PlacedOrder): PlacedOrder => {
  const ceiling = order.lines.reduce((n, l) => n + l.unitPrice * l.ledger.ordered, order.shippingFee);
  if (!Number.isSafeInteger(ceiling)) {
    throw invalid('ORDER_AMOUNT_TOO_LARGE', `Order ${order.no} would come to more than ${Number.MAX_SAFE_INTEGER} (unit prices × quantities + shipping fee).`, 'lines', { no: order.no });
  }
  return order;
};

export const lineOf = (order: PlacedOrder, lineId: number): OrderLine => {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (!line) throw notFound('LINE_NOT_FOUND', `Order ${order.no} has no line ${lineId}.`, { no: order.no, lineId });
  return line;
};

export const itemOf = (line: OrderLine): LineItem => ({ productCode: line.productCode, productName: line.productName, option: line.option });

export const activeLinesOf = (order: PlacedOrder, quantity: (line: OrderLine) => number): LineQuantity[] =>
  order.lines.map((l) => ({ lineId: l.lineId, quantity: quantity(l) })).filter((l) => l.quantity > 0);

/** Line quantities as given: each line once, known to the order, quantity ≥ 1, at most `available(line)`. */
export const lineQuantities = (
  order: PlacedOrder,
  lines: readonly LineQuantity[],
  available: (line: OrderLine) => number,
  rule: { readonly code: string; readonly what: string },
): LineQuantity[] => {
  if (lines.length === 0) throw invalid('LINES_REQUIRED', 'Name at least one line and its quantity.', 'lines');
  return lines.map((l, i) => {
    const field = `lines[${i}]`;
    if (lines.findIndex((x) => x.lineId === l.lineId) !== i) throw invalid('DUPLICATE_LINE', `Line ${l.lineId} is named twice.`, `${field}.lineId`);
    const line = order.lines.find((x) => x.lineId === l.lineId);
    if (!line) throw invalid('LINE_NOT_FOUND', `Order ${order.no} has no line ${l.lineId}.`, `${field}.lineId`);
    positiveQuantity(l.quantity, `${field}.quantity`);
    const max = available(line);
    if (l.quantity > max) {
      throw invalid(rule.code, `Line ${l.lineId}: ${l.quantity} is more than the ${max} ${rule.what}.`, `${field}.quantity`, { lineId: l.lineId, available: max });
    }
    return { lineId: l.lineId, quantity: l.quantity };
  });
};

export const lineProduct = (p: LineProduct, field: string): LineProduct => ({
  productCode: nonBlank(p.productCode, `${field}.productCode`),
  productName: nonBlank(p.productName, `${field}.productName`),
  option: p.option.trim(),
  unitPrice: nonNegativeInteger(p.unitPrice, `${field}.unitPrice`),
});

/** A rule broken by another member of a package (or another order of the command) names that order. */
export const asMember = <T>(member: number, primary: number, decide: () => T): T => {
  try {
    return decide();
  } catch (error) {
    if (member === primary || !(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, error.kind, `합포 주문 ${member}: ${error.message}`, error.field, { ...error.details, member });
  }
};
