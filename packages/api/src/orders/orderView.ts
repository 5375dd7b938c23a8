/** The order resource as the API shows it: the live fold of the stream, labels alongside codes. */
import type { Carrier, OrderState } from '@oms/domain';
import { activeQuantity, cancelledQuantity, toRestoreOf, CS_STATE_LABELS, csStateOf, ORDER_STATUS_LABELS, trackingUrlOf } from '@oms/domain';

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
    exchanges: state.exchanges,
    copiedFrom: state.copiedFrom,
    copies: [...state.copies],
    revision,
  };
};
