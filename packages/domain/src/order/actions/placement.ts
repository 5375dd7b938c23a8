/** 주문생성: an order is placed, by a channel connector or by hand (then its channel order number is generated). */
import { conflict, invalid } from '../../errors.js';
import { sumOf } from '../format.js';
import type { EventsOf } from '../slice.js';
import type { PaymentMethod, Party, PlacedLine, Recipient, ReplacementOf } from '../model.js';
import { EXCHANGE_TYPE_LABELS } from '../model.js';
import { newLine } from '../model.js';
import { nonBlank, nonNegativeInteger, positiveQuantity } from '../rules.js';
import { orderCommand, openingEvent } from '../slice.js';

export interface NewOrderLine {
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly channelLineNo?: string | undefined;
}

/** 주문복사: the order a copy was made from. */
export interface CopiedFrom {
  readonly no: number;
  readonly whole: boolean;
}

export interface OrderPlacedData {
  readonly no: number;
  readonly channel: string;
  readonly channelOrderNo: string;
  /** true when the channel order number was generated because the order was made by hand. */
  readonly channelOrderNoGenerated: boolean;
  readonly paymentMethod: PaymentMethod;
  readonly paid: boolean;
  readonly buyer: Party;
  readonly recipient: Recipient;
  readonly shippingFee: number;
  readonly lines: readonly PlacedLine[];
  /** 주문복사: the order this one was copied from; null for any other order. */
  readonly copiedFrom: CopiedFrom | null;
  /** 교환: the exchange this replacement order ships; null for any other order. */
  readonly replacementOf: ReplacementOf | null;
}

/**
 * OrderPlaced as stored at schema version 1, before copies and exchanges existed: `copiedFrom` and
 * `replacementOf` are absent on most orders (fixture: fixtures/OrderPlacedV1.json). Version 2 always
 * holds both, null when the order is neither, so no reader has to tell "absent" from "none".
 */
export interface OrderPlacedDataV1 extends Omit<OrderPlacedData, 'copiedFrom' | 'replacementOf'> {
  readonly copiedFrom?: CopiedFrom | undefined;
  readonly replacementOf?: ReplacementOf | undefined;
}

export const upcastOrderPlacedV1 = ({ copiedFrom, replacementOf, ...rest }: OrderPlacedDataV1): OrderPlacedData => ({ ...rest, copiedFrom: copiedFrom ?? null, replacementOf: replacementOf ?? null });

/** 주문전체복사: a work type of its own in the CS window, carried by the same events as 주문복사. */
export const WHOLE_COPY_LABEL = '주문전체복사';
export const COPY_LABEL = '주문복사';
/** The 주문생성 of a replacement order (교환 출고). */
export const REPLACEMENT_LABEL = '교환주문생성';

const placedDetail = (d: OrderPlacedData): string =>
  `판매처: ${d.channel}, 주문번호: ${d.channelOrderNo}, ${d.lines.length}개 상품 / 수량 ${sumOf(d.lines)}`;

export const placementEvents = {
  OrderPlaced: openingEvent<OrderPlacedData>({
    label: '주문생성',
    upcasters: [upcastOrderPlacedV1],
    // A copy's 주문생성 is 주문복사 / 주문전체복사 in the CS window, like the copying.
    labelOf: (d) => (d.copiedFrom ? (d.copiedFrom.whole ? WHOLE_COPY_LABEL : COPY_LABEL) : d.replacementOf ? REPLACEMENT_LABEL : '주문생성'),
    describe: (d) =>
      d.copiedFrom
        ? `<이전 주문 관리번호 : ${d.copiedFrom.no}> ${placedDetail(d)}`
        : d.replacementOf
          ? `<교환 원주문 관리번호 : ${d.replacementOf.no}> ${EXCHANGE_TYPE_LABELS[d.replacementOf.exchangeType]} ${placedDetail(d)}`
          : placedDetail(d),
    open: (d) => ({
      kind: 'placed',
      no: d.no,
      channel: d.channel,
      channelOrderNo: d.channelOrderNo,
      paymentMethod: d.paymentMethod,
      status: d.paid ? 'received' : 'awaiting_payment',
      buyer: d.buyer,
      recipient: d.recipient,
      shippingFee: d.shippingFee,
      lines: d.lines.map(newLine),
      hold: null,
      invoice: null,
      shippingInstructionPrints: 0,
      deleted: false,
      package: null,
      mergeForbidden: false,
      priorities: {},
      returnExpected: false,
      pickups: 0,
      returnPickups: [],
      exchanges: 0,
      exchangeList: [],
      replacementOf: d.replacementOf,
      copiedFrom: d.copiedFrom,
      copies: [],
      completedEntries: [],
      channelClaims: [],
      restoreConfirmed: [],
    }),
  }),
};
export type PlacementEvent = EventsOf<typeof placementEvents>;

/** A 관리번호-derived channel order number for orders made by hand. */
export const generatedChannelOrderNo = (no: number): string => `OMS${no}`;

export interface PlaceOrderData {
  readonly no: number;
  readonly channel: string;
  readonly channelOrderNo?: string | undefined;
  readonly paymentMethod: PaymentMethod;
  readonly paid: boolean;
  readonly buyer: Party;
  readonly recipient: Recipient;
  readonly shippingFee: number;
  readonly lines: readonly NewOrderLine[];
  readonly copiedFrom?: CopiedFrom | undefined;
  readonly replacementOf?: ReplacementOf | undefined;
}

export const placeOrder = orderCommand<PlaceOrderData>(({ data }, state) => {
  if (state.kind !== 'none') throw conflict('ORDER_ALREADY_EXISTS', `Order ${state.no} already exists.`, { no: state.no });
  if (data.lines.length === 0) throw invalid('ORDER_WITHOUT_LINES', 'An order needs at least one line.', 'lines');
  data.lines.forEach((l, i) => {
    positiveQuantity(l.quantity, `lines[${i}].quantity`);
    nonNegativeInteger(l.unitPrice, `lines[${i}].unitPrice`);
    nonBlank(l.productCode, `lines[${i}].productCode`);
    const channelLineNo = l.channelLineNo?.trim();
    if (channelLineNo && data.lines.findIndex((o) => o.channelLineNo?.trim() === channelLineNo) !== i) {
      throw invalid('DUPLICATE_CHANNEL_LINE_NO', `상품주문번호 ${channelLineNo} is on two lines.`, `lines[${i}].channelLineNo`);
    }
  });
  nonNegativeInteger(data.shippingFee, 'shippingFee');
  nonBlank(data.channel, 'channel');
  nonBlank(data.buyer.name, 'buyer.name');
  nonBlank(data.recipient.name, 'recipient.name');
  nonBlank(data.recipient.address, 'recipient.address');
  const given = data.channelOrderNo?.trim();
  return [
    {
      type: 'OrderPlaced',
      data: {
        no: data.no,
        channel: data.channel.trim(),
        channelOrderNo: given ? given : generatedChannelOrderNo(data.no),
        channelOrderNoGenerated: !given,
        paymentMethod: data.paymentMethod,
        paid: data.paid,
        buyer: data.buyer,
        recipient: data.recipient,
        shippingFee: data.shippingFee,
        lines: data.lines.map(({ channelLineNo, ...l }, i) => ({ ...l, lineId: i + 1, ...(channelLineNo?.trim() ? { channelLineNo: channelLineNo.trim() } : {}) })),
        copiedFrom: data.copiedFrom ?? null,
        replacementOf: data.replacementOf ?? null,
      },
    },
  ];
});

export const placementCommands = { PlaceOrder: placeOrder };
