/**
 * What a toolbar action is, as data: its label, its group on the toolbar, its form fields (drawn by
 * ActionFields.tsx) and the one typed call it makes. The rules stay the server's: `when` only hides a
 * button that could not apply (보류해제 on an order not held), it never decides for the server.
 */
import type { ComponentType } from 'react';
import { AFTER_SHIPMENT, BEFORE_INVOICE } from '@oms/domain';
import type { paths } from '../openapi';
import type { Order, OrderLine } from '../types';

export type Values = Readonly<Record<string, string>>;
export type Options = readonly (readonly [string, string])[];

export interface Field {
  readonly name: string;
  readonly label: string;
  /**
   * text / textarea / number / datetime / select / check: plain inputs. line: one of the order's lines.
   * lines: a quantity per line (values `name#lineId`). product: a catalogue search (GET /products), the
   * picked 상품코드. order: a 관리번호, with a glance at that order. channel: an active 판매처.
   */
  readonly kind: 'text' | 'textarea' | 'number' | 'datetime' | 'select' | 'check' | 'line' | 'lines' | 'product' | 'order' | 'channel';
  readonly options?: Options | ((o: Order) => Options);
  readonly required?: boolean;
  readonly min?: number;
  /** An input's hint, or a select's empty choice (default 선택). */
  readonly placeholder?: string;
  /** The value the dialog opens with (배송정보변경: the order's own recipient). */
  readonly initial?: (o: Order) => string;
  /** Drawn only while this is true of the other values (위치지정's 관리번호 with position "after"). */
  readonly shown?: (v: Values) => boolean;
  /** lines: how many of each line are left to take (a hint; the server counts); lines with none are not listed. */
  readonly available?: (l: OrderLine) => number;
}

export type CommandResult = paths['/orders/{no}/memos']['post']['responses'][200]['content']['application/json'];

/** The toolbar's groups, in the seed's order (CS창: 보류 … 배송, 합포, 취소, 상품, 복사/삭제, 우선순위, 반품, 메모). */
export const GROUPS = ['배송', '합포', '취소', '상품', '복사', '반품', '메모'] as const;
export type Group = (typeof GROUPS)[number];

export interface CsAction {
  readonly id: string;
  readonly label: string;
  readonly group: Group;
  readonly fields: readonly Field[];
  /** Offered only when this is true of the order (e.g. 보류해제 on a held order). */
  readonly when?: (o: Order) => boolean;
  /** A sentence above the fields (주문삭제: what deleting does). */
  readonly note?: string;
  /** Drawn beside the fields with the values so far (우선순위: the product's priority list). */
  readonly aside?: ComponentType<{ order: Order; values: Values }>;
  readonly send: (o: Order, v: Values) => Promise<CommandResult>;
  /** What to announce once done (주문복사: the new 관리번호). */
  readonly announce?: (r: CommandResult) => string | undefined;
}

export const path = (o: Order) => ({ path: { no: String(o.no) } });
export const linePath = (o: Order, lineId: string | undefined) => ({ path: { no: String(o.no), lineId: lineId ?? '' } });
/** A trimmed value, or undefined when blank (an optional body field left out). */
export const opt = (v: Values, name: string): string | undefined => (v[name]?.trim() ? v[name].trim() : undefined);
export const optNumber = (v: Values, name: string): number | undefined => (opt(v, name) === undefined ? undefined : Number(v[name]));
export const memo = (v: Values) => {
  const m = opt(v, 'memo');
  return m === undefined ? {} : { memo: m };
};
/** The quantities typed in a `lines` field, as the API takes them. */
export const lineQuantities = (v: Values, name: string) =>
  Object.entries(v)
    .filter(([k, q]) => k.startsWith(`${name}#`) && q.trim() !== '' && Number(q) > 0)
    .map(([k, q]) => ({ lineId: Number(k.slice(name.length + 1)), quantity: Number(q) }));

const has = <T extends string>(list: readonly T[], s: string) => (list as readonly string[]).includes(s);
export const shipped = (o: Order) => has(AFTER_SHIPMENT, o.status);
export const beforeInvoice = (o: Order) => has(BEFORE_INVOICE, o.status);
export const cancelled = (o: Order) => o.csState === 'cancelled';
/** Shipped units not yet picked up: what a 회수 may still take. */
export const pickable = (l: OrderLine) => Math.max(0, l.shipped - l.pickedUp);
/** …and not exchanged before: what a 교환 may still take. */
export const exchangeable = (l: OrderLine) => Math.max(0, Math.min(l.shipped - l.pickedUp, l.shipped - l.exchanged));
