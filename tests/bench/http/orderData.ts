/**
 * What the load bench's orders look like, derived from the order's index alone (no state): so the
 * loader builds order i's PlaceOrder and CS history, and the traffic driver later searches for order
 * i's buyer, phone or 주문번호, from the same few lines. Korean names, 010 mobiles, road addresses,
 * 1–3 lines of the bench's catalogue, channels, and what CS did to the order (its `fate`).
 */

export interface CatalogueProduct {
  readonly code: string;
  readonly name: string;
  readonly option: string;
  readonly salePrice: number;
  readonly supplyPrice: number;
  readonly supplier: string;
}

export const CHANNELS = ['11번가 법인', 'G마켓', '쿠팡', '스마트스토어', '옥션', '위메프'] as const;

export const CATALOGUE: readonly CatalogueProduct[] = [
  ['30247', '카트야로 스텐 냄비 3종', '본품', 29400],
  ['41002', '실리콘 주걱 세트', '그레이', 6900],
  ['41003', '실리콘 주걱 세트', '민트', 6900],
  ['52010', '무선 핸디 청소기', '화이트', 89000],
  ['52011', '무선 핸디 청소기 필터', '2개입', 12000],
  ['60120', '면 100% 수건 10매', '네이비', 19800],
  ['60121', '면 100% 수건 10매', '베이지', 19800],
  ['71005', '스테인리스 텀블러 500ml', '실버', 15900],
  ['71006', '스테인리스 텀블러 500ml', '블랙', 15900],
  ['80300', '유기농 현미 10kg', '2026년산', 42000],
  ['80301', '제주 감귤 5kg', '로얄과', 25900],
  ['90210', '아기 물티슈 캡형 10팩', '무향', 13900],
  ['90211', '주방세제 리필 1.2L', '3개', 9900],
  ['91100', 'LED 스탠드 조명', '우드', 34500],
  ['92040', '접이식 캠핑 의자', '카키', 27000],
  ['93001', '여성 니트 가디건', 'FREE/아이보리', 39000],
  ['93002', '남성 기모 후드티', 'L/차콜', 32000],
  ['94500', '강아지 사료 6kg', '연어', 47000],
  ['95010', '블루투스 이어폰', '화이트', 59000],
  ['96000', '멀티탭 6구 2m', '개별스위치', 14500],
].map(([code, name, option, price]) => ({
  code: String(code),
  name: String(name),
  option: String(option),
  salePrice: Number(price),
  supplyPrice: Math.round(Number(price) * 0.6),
  supplier: '벤치상사',
}));

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '홍'];
const GIVEN = [
  '경자', '영희', '철수', '민준', '서연', '지훈', '하은', '도윤', '유진', '시우', '지아', '서준', '예린', '현우', '수빈', '은지',
  '태현', '나연', '재원', '미경', '상철', '보람', '다은', '건우', '소희', '정민', '혜진', '동현', '가을', '준호', '채원', '승민',
];
const CITIES = [
  ['서울특별시 강남구', '테헤란로'], ['서울특별시 마포구', '월드컵로'], ['서울특별시 송파구', '올림픽로'], ['부산광역시 해운대구', '센텀중앙로'],
  ['인천광역시 연수구', '컨벤시아대로'], ['대구광역시 수성구', '달구벌대로'], ['광주광역시 서구', '상무중앙로'], ['대전광역시 유성구', '대학로'],
  ['경기도 용인시 기흥구', '성저로'], ['경기도 성남시 분당구', '판교역로'], ['경기도 수원시 영통구', '광교중앙로'], ['경기도 고양시 일산동구', '중앙로'],
  ['강원특별자치도 춘천시', '중앙로'], ['충청북도 청주시 흥덕구', '가경로'], ['전라북도 전주시 완산구', '효자로'], ['제주특별자치도 제주시', '연북로'],
] as const;
const MEMOS = ['부재시 경비실에 맡겨주세요', '문 앞에 놓아주세요', '배송 전 연락 바랍니다', '', '', ''];

/** A stable pseudo-random 32-bit value of (i, salt): the same order always looks the same. */
export const hash = (i: number, salt = 0): number => {
  let h = (i ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};
const pick = <T>(xs: readonly T[], i: number, salt: number): T => xs[hash(i, salt) % xs.length] as T;
const digits4 = (i: number, salt: number): string => String(hash(i, salt) % 10_000).padStart(4, '0');

/**
 * What CS did to the order, by a stable draw out of 100: 62 % nothing (접수 — the pool the command
 * phase holds and releases), 6 % held with a memo, 5 % a CS memo, 4 % one unit cancelled, 12 % shipped
 * with a tracking number, 4 % delivered then a return pickup (반품관리), 4 % a channel cancellation
 * after shipping (취소결과조회), 3 % a channel cancellation on 접수 that the channel then withdrew
 * (취소철회조회 — the line stays cancelled here).
 */
export type Fate = 'received' | 'held' | 'memo' | 'partialCancel' | 'shipped' | 'returned' | 'claimShipped' | 'claimWithdrawn';
const FATES: readonly [Fate, number][] = [
  ['received', 62], ['held', 6], ['memo', 5], ['partialCancel', 4], ['shipped', 12], ['returned', 4], ['claimShipped', 4], ['claimWithdrawn', 3],
];
export const fateOf = (i: number): Fate => {
  let r = hash(i, 1) % 100;
  for (const [fate, share] of FATES) {
    if (r < share) return fate;
    r -= share;
  }
  return 'received';
};

export const buyerNameOf = (i: number): string => pick(SURNAMES, i, 2) + pick(GIVEN, i, 3);
export const mobileOf = (i: number): string => `010-${digits4(i, 4)}-${digits4(i, 5)}`;
export const channelOf = (i: number): string => pick(CHANNELS, i, 6);
/** 판매처 주문번호: unique per order (its index), the shape channels use. */
export const channelOrderNoOf = (i: number): string => `2026${String(1_000_000_000 + i)}`;
export const trackingNumberOf = (i: number): string => String(500_000_000_000 + i);

export interface OrderLineInput {
  readonly productCode: string;
  readonly productName: string;
  readonly option: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly channelLineNo: string;
}

/** POST /orders's body for order i (without `no`): what the route hands PlaceOrder. */
export const orderBodyOf = (i: number) => {
  const buyer = buyerNameOf(i);
  // One order in four is sent to someone else.
  const other = hash(i, 7) % 4 === 0;
  const recipientName = other ? pick(SURNAMES, i, 8) + pick(GIVEN, i, 9) : buyer;
  const [city, road] = pick(CITIES, i, 10);
  const address = `${city} ${road} ${1 + (hash(i, 11) % 300)} ${100 + (hash(i, 12) % 20)}동 ${100 * (1 + (hash(i, 13) % 25)) + (1 + (hash(i, 14) % 4))}호`;
  const channelOrderNo = channelOrderNoOf(i);
  const lineCount = 1 + (hash(i, 15) % 3);
  const lines: OrderLineInput[] = Array.from({ length: lineCount }, (_, k) => {
    const p = CATALOGUE[(hash(i, 16 + k) % CATALOGUE.length)] as CatalogueProduct;
    return { productCode: p.code, productName: p.name, option: p.option, quantity: 1 + (hash(i, 20 + k) % 3), unitPrice: p.salePrice, channelLineNo: `${channelOrderNo}-${k + 1}` };
  });
  const memo = pick(MEMOS, i, 24);
  return {
    channel: channelOf(i),
    channelOrderNo,
    paymentMethod: 'card',
    paid: true,
    buyer: { name: buyer, mobile: mobileOf(i) },
    recipient: {
      name: recipientName,
      mobile: other ? `010-${digits4(i, 25)}-${digits4(i, 26)}` : mobileOf(i),
      zip: String(10_000 + (hash(i, 27) % 60_000)),
      address,
      ...(memo ? { memo } : {}),
    },
    shippingFee: hash(i, 28) % 3 === 0 ? 0 : 3000,
    lines,
  };
};

const DAY_MS = 86_400_000;
/** The 90 days the orders were placed in (Asia/Seoul days): 2026-09-01 … 2026-11-29. */
export const FIRST_DAY = Date.parse('2026-09-01T00:00:00+09:00');
export const DAYS = 90;
/** When a group of orders was placed: its day of the 90, at a working hour of it. */
export const placedAtOf = (group: number): string => new Date(FIRST_DAY + (hash(group, 30) % DAYS) * DAY_MS + (9 + (hash(group, 31) % 10)) * 3_600_000 + (hash(group, 32) % 3600) * 1000).toISOString();
export const dayOf = (offset: number): string => new Date(FIRST_DAY + offset * DAY_MS + 9 * 3_600_000).toISOString().slice(0, 10);
