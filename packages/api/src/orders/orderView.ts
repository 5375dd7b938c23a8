/** The order resource as the API shows it: the live fold of the stream, labels alongside codes. */
import type { Carrier, OrderState } from '@oms/domain';
import { activeQuantity, awaitingOf, cancelledQuantity, toRestoreOf, CS_STATE_LABELS, csStateOf, EXCHANGE_TYPE_LABELS, ORDER_STATUS_LABELS, outstandingOf, quantityOf, trackingUrlOf } from '@oms/domain';

export const orderView = (state: Extract<OrderState, { kind: 'placed' }>, revision: number, carriers: readonly Carrier[]) => {
  const csState = csStateOf(state);
  const carrier = state.invoice ? carriers.find((c) => c.code === state.invoice?.carrier) : undefined;
  return {
    no: state.no,
    channel: state.channel,
    channelOrderNo: state.channelOrderNo,
    paymentMethod: state.paymentMethod,
    status: state.status,
    statusLabel: ORDER_STATUS_LABELS[state.status],
    csState,
    csStateLabel: CS_STATE_LABELS[csState],
    hold: state.hold ? { alarmAt: state.hold.alarmAt } : null,
    invoice: state.invoice
      ? {
          carrier: state.invoice.carrier,
          carrierName: carrier?.name ?? state.invoice.carrier,
          trackingNumber: state.invoice.trackingNumber,
          trackingUrl: carrier ? trackingUrlOf(carrier, state.invoice.trackingNumber) : null,
        }
      : null,
    shippingInstructionPrints: state.shippingInstructionPrints,
    buyer: state.buyer,
    recipient: state.recipient,
    shippingFee: state.shippingFee,
    lines: state.lines.map((l) => ({
      lineId: l.lineId,
      productCode: l.productCode,
      placedProductCode: l.placedProductCode,
      productName: l.productName,
      option: l.option,
      unitPrice: l.unitPrice,
      ordered: l.ledger.ordered,
      active: activeQuantity(l.ledger),
      cancelled: cancelledQuantity(l.ledger),
      restored: l.ledger.restored,
      shipped: l.ledger.shipped,
      pickedUp: l.ledger.pickedUp,
      returned: l.ledger.returned,
      exchanged: l.exchanged,
      channelLineNo: l.channelLineNo ?? null,
      toRestore: toRestoreOf(state, l),
    })),
    deleted: state.deleted,
    package: state.package ? { id: state.package.id, members: [...state.package.members] } : null,
    mergeForbidden: state.mergeForbidden,
    priorities: { ...state.priorities },
    returnExpected: state.returnExpected,
    pickups: state.pickups,
    returnPickups: state.returnPickups.map((p) => {
      const notArrived = p.lines.reduce((n, l) => n + awaitingOf(p, l.lineId), 0);
      return {
        pickupId: p.pickupId,
        state: p.completed ? ('completed' as const) : p.received.length === 0 ? ('requested' as const) : notArrived > 0 ? ('partially_arrived' as const) : ('arrived' as const),
        lines: p.lines.map((l) => ({ lineId: l.lineId, pickedUp: l.quantity, received: quantityOf(p.received, l.lineId), damaged: quantityOf(p.damaged, l.lineId) })),
        registerInbound: p.registerInbound,
        exchangeId: p.exchangeId,
        claim: p.claim,
        fees: p.fees,
        outstanding: outstandingOf(p.fees),
        feeReason: p.feeReason,
      };
    }),
    exchanges: state.exchanges,
    exchangeList: state.exchangeList.map((x) => ({ ...x, typeLabel: EXCHANGE_TYPE_LABELS[x.exchangeType], lines: x.lines.map((l) => ({ ...l })) })),
    replacementOf: state.replacementOf,
    copiedFrom: state.copiedFrom,
    copies: [...state.copies],
    revision,
  };
};
