/** 상품변경 / 상품추가 (lineEdits.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { LineProduct } from '../order.js';
import { csStateOf } from '../order.js';
import { BEFORE_INVOICE, ev, FROM_INVOICE, historyIn } from '../testing/events.js';
import { cmd, ledger, MUG, placedOrder, PLATE, SPOON, spec } from '../testing/fixtures.js';

describe('상품변경 ChangeLineProduct', () => {
  it.each(BEFORE_INVOICE)('puts another product on a line in %s; the line keeps its placed product code', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.changeProduct(1, PLATE)).then([ev.productChanged(1, MUG, PLATE)]));
    const line = state.lines[0];
    expect(line).toMatchObject({ lineId: 1, ...PLATE, quantity: 2, placedProductCode: 'P-100' });
    expect(line?.ledger).toEqual(ledger({ ordered: 2 }));
  });

  it('a second change starts from the current product and still keeps the placed code', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.productChanged(1, MUG, PLATE)]).when(cmd.changeProduct(1, SPOON)).then([ev.productChanged(1, PLATE, SPOON)]));
    expect(state.lines[0]).toMatchObject({ productCode: 'P-200', placedProductCode: 'P-100' });
  });

  it('trims the product code, name and option', () => {
    spec
      .given(historyIn.received)
      .when(cmd.changeProduct(1, { productCode: ' P-300 ', productName: ' 접시 ', option: ' 블랙 ', unitPrice: 8000 }))
      .then([ev.productChanged(1, MUG, PLATE)]);
  });

  it('the same product appends nothing', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, MUG)).thenNothing();
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, productCode: ' P-100 ' })).thenNothing();
  });

  it('another price or option of the same product is a change', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, option: '블랙' })).then([ev.productChanged(1, MUG, { ...MUG, option: '블랙' })]);
    spec.given(historyIn.received).when(cmd.changeProduct(1, { ...MUG, unitPrice: 9900 })).then([ev.productChanged(1, MUG, { ...MUG, unitPrice: 9900 })]);
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.changeProduct(1, PLATE)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused on a cancelled order (ORDER_CANCELLED) and on a cancelled line (LINE_CANCELLED)', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.changeProduct(1, PLATE)).thenThrows('ORDER_CANCELLED', 'conflict');
    spec.given([...historyIn.received, ev.lineCancelled(1, 2)]).when(cmd.changeProduct(1, PLATE)).thenThrows('LINE_CANCELLED', 'conflict');
  });

  it('refuses an unknown line with LINE_NOT_FOUND', () => {
    spec.given(historyIn.received).when(cmd.changeProduct(7, PLATE)).thenThrows('LINE_NOT_FOUND', 'not_found');
  });

  it.each<[string, string, LineProduct]>([
    ['FIELD_REQUIRED', 'product.productCode', { ...PLATE, productCode: '  ' }],
    ['FIELD_REQUIRED', 'product.productName', { ...PLATE, productName: '' }],
    ['INVALID_AMOUNT', 'product.unitPrice', { ...PLATE, unitPrice: -1 }],
    ['INVALID_AMOUNT', 'product.unitPrice', { ...PLATE, unitPrice: 0.5 }],
  ])('refuses a bad product with %s on %s', (code, field, product) => {
    spec.given(historyIn.received).when(cmd.changeProduct(1, product)).thenThrows(code, 'invalid', field);
  });
});

describe('상품추가 AddLine', () => {
  it.each(BEFORE_INVOICE)('adds a line in %s with the next line id and a fresh ledger', (status) => {
    const state = placedOrder(spec.given(historyIn[status]).when(cmd.addLine(PLATE, 4)).then([ev.lineAdded(3, PLATE, 4)]));
    expect(state.lines).toHaveLength(3);
    expect(state.lines[2]).toMatchObject({ lineId: 3, ...PLATE, quantity: 4, placedProductCode: 'P-300', ledger: ledger({ ordered: 4 }) });
    expect(csStateOf(state)).toBe('normal');
  });

  it('numbers after the highest line id, and a changed line keeps its own', () => {
    spec
      .given([...historyIn.received, ev.lineAdded(3, PLATE, 1), ev.productChanged(1, MUG, PLATE)])
      .when(cmd.addLine(MUG, 1))
      .then([ev.lineAdded(4, MUG, 1)]);
  });

  it('a line added to a partly cancelled order keeps it 부분취소', () => {
    const state = placedOrder(spec.given([...historyIn.received, ev.lineCancelled(1, 1)]).when(cmd.addLine(PLATE, 1)).then([ev.lineAdded(3, PLATE, 1)]));
    expect(csStateOf(state)).toBe('partially_cancelled');
  });

  it.each(FROM_INVOICE)('is refused from 송장 on (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.addLine(PLATE, 1)).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });

  it('is refused on a cancelled order', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.addLine(PLATE, 1)).thenThrows('ORDER_CANCELLED', 'conflict');
  });

  it.each([0, -1, 2.5])('refuses quantity %s on field quantity', (quantity) => {
    spec.given(historyIn.received).when(cmd.addLine(PLATE, quantity)).thenThrows('INVALID_QUANTITY', 'invalid', 'quantity');
  });

  it('refuses a blank product code, naming the field', () => {
    spec.given(historyIn.received).when(cmd.addLine({ ...PLATE, productCode: ' ' }, 1)).thenThrows('FIELD_REQUIRED', 'invalid', 'product.productCode');
  });
});
