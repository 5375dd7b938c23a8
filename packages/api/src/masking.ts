/**
 * Masked personal data for the roles that must not see it (auth.ts: seesMaskedData): names, phones and
 * addresses keep just enough to tell rows apart; CS memos, which are free text about the customer, are
 * masked whole. Pure functions: the routes choose whether to apply them.
 */
import type { RecordedEvent } from '@oms/adapters';

/** What every CS memo (보류, CS 이력, 배송메모, CS메모) becomes: its length is not told either. */
export const MASKED_MEMO = '****';

/** 김경희 → 김*희, 김희 → 김*, 김 → *: the first and last character stay (by code point). */
export const maskName = (name: string): string => {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
};

/**
 * 010-1234-6279 → 010-****-6279: with three or more digit groups the middle ones are masked; a number
 * in one or two groups (01012346279, 1588-1234) keeps only its last four digits.
 */
export const maskPhone = (phone: string): string => {
  const groups = phone.trim().split(/([ -]+)/);
  const digitGroups = groups.filter((_, i) => i % 2 === 0);
  if (digitGroups.length >= 3) {
    const last = groups.length - 1;
    return groups.map((g, i) => (i % 2 === 1 || i === 0 || i === last ? g : g.replace(/[0-9]/g, '*'))).join('');
  }
  const digits = (phone.match(/[0-9]/g) ?? []).length;
  let seen = 0;
  return phone.trim().replace(/[0-9]/g, (d) => (++seen > digits - 4 ? d : '*'));
};

/** 경기도 용인시 성저로 36 → 경기도 용인시 ****: the first two words (fewer when that would be all of it). */
export const maskAddress = (address: string): string => {
  const words = address.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return '';
  return [...words.slice(0, Math.min(2, words.length - 1)), '****'].join(' ');
};

export const maskMemo = (memo: string): string => (memo.trim() === '' ? memo : MASKED_MEMO);

const maybe = <T extends string | null | undefined>(value: T, mask: (s: string) => string): T => (typeof value === 'string' ? (mask(value) as T) : value);

interface Party {
  readonly name: string;
  readonly phone?: string | undefined;
  readonly mobile?: string | undefined;
}
interface Recipient extends Party {
  readonly zip?: string | undefined;
  readonly address: string;
  readonly memo?: string | undefined;
}

const maskParty = <P extends Party>(p: P): P => ({ ...p, name: maskName(p.name), phone: maybe(p.phone, maskPhone), mobile: maybe(p.mobile, maskPhone) });
const maskRecipient = <R extends Recipient>(r: R): R => ({ ...maskParty(r), address: maskAddress(r.address), memo: maybe(r.memo, maskMemo) });

/** An order resource (orderView) with its buyer and recipient masked. */
export const maskOrder = <O extends { readonly buyer: Party; readonly recipient: Recipient }>(order: O): O => ({
  ...order,
  buyer: maskParty(order.buyer),
  recipient: maskRecipient(order.recipient),
});

interface ListItemPersonal {
  readonly buyerName: string;
  readonly buyerPhone: string | null;
  readonly buyerMobile: string | null;
  readonly recipientName: string;
  readonly recipientPhone: string | null;
  readonly recipientMobile: string | null;
  readonly recipientAddress: string;
}

/** A CS window row with its names, phones and address masked. */
export const maskListItem = <I extends ListItemPersonal>(item: I): I => ({
  ...item,
  buyerName: maskName(item.buyerName),
  buyerPhone: maybe(item.buyerPhone, maskPhone),
  buyerMobile: maybe(item.buyerMobile, maskPhone),
  recipientName: maskName(item.recipientName),
  recipientPhone: maybe(item.recipientPhone, maskPhone),
  recipientMobile: maybe(item.recipientMobile, maskPhone),
  recipientAddress: maskAddress(item.recipientAddress),
});

/** A personal value the order's events hold, and what it shows as when masked. */
export type PersonalValue = readonly [value: string, masked: string];

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null);

/**
 * Every personal value an order's stream ever held — buyers and recipients as placed and as changed
 * (DeliveryInfoChanged keeps the previous one too), CS memos on any command, CS메모 texts — so the
 * CS 이력 content, which quotes them (`수령자: 김경자 → 박영희`, `/ 메모: …`), can be masked.
 */
export const personalValuesOf = (events: readonly Pick<RecordedEvent, 'type' | 'data' | 'metadata'>[]): PersonalValue[] => {
  const values = new Map<string, string>();
  const add = (v: unknown, mask: (s: string) => string) => {
    const s = str(v);
    if (s !== null && !values.has(s)) values.set(s, mask(s));
  };
  for (const e of events) {
    const data = record(e.data) ?? {};
    for (const field of ['buyer', 'recipient', 'previous']) {
      const party = record(data[field]);
      if (!party) continue;
      add(party.name, maskName);
      add(party.phone, maskPhone);
      add(party.mobile, maskPhone);
      add(party.address, maskAddress);
      add(party.memo, maskMemo);
    }
    if (e.type === 'CsMemoAdded') add(data.text, maskMemo);
    add(e.metadata.memo, maskMemo);
  }
  return [...values];
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with each of the values in it replaced by its masked form, in one pass (a masked form is never
 * matched again), the longer value first where two start at one place (an address before a name in it).
 */
export const maskKnownValues = (text: string, values: readonly PersonalValue[]): string => {
  if (values.length === 0) return text;
  const masked = new Map(values);
  const pattern = new RegExp([...masked.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gu');
  return text.replace(pattern, (value) => masked.get(value) ?? value);
};

/** A CS 이력 entry: its memo masked whole, its content with the order's personal values masked. */
export const maskHistoryEntry = <H extends { readonly content: string; readonly memo: string | null }>(entry: H, values: readonly PersonalValue[]): H => ({
  ...entry,
  content: maskKnownValues(entry.content, values),
  memo: maybe(entry.memo, maskMemo),
});
