/**
 * Realistic demo data, sent through the API itself (so every rule and every history entry is real):
 * CS workers' keys, channels like those on the manuals' screens, and orders in every status.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiKeys } from './auth.js';

const CHANNELS = ['11번가 법인', 'G마켓', '스마트스토어', '쿠팡', '자사몰'];
const CHANNEL_GROUPS: Record<string, string> = { '11번가 법인': '오픈마켓', G마켓: '오픈마켓', 스마트스토어: '오픈마켓', 쿠팡: '소셜커머스', 자사몰: '자사몰' };
const PRODUCTS = [
  { productCode: '30247', productName: '카트야로 스텐 냄비 3종', option: '본품', unitPrice: 29400 },
  { productCode: '30251', productName: '스텐 후라이팬 28cm', option: '인덕션겸용', unitPrice: 18900 },
  { productCode: '41002', productName: '실리콘 주걱 세트', option: '그레이', unitPrice: 6900 },
  { productCode: '52110', productName: '유리 밀폐용기 10P', option: '사각', unitPrice: 24500 },
  { productCode: '60021', productName: '원목 도마', option: '대형', unitPrice: 15800 },
];
const PEOPLE = [
  { name: '김경자', mobile: '010-6364-3640', address: '경기도 용인시 성저로 36 312동 301호', zip: '16950' },
  { name: '최성훈', mobile: '010-4102-2029', address: '경기도 성남시 수정구 복정로32번길 7 302호', zip: '13120' },
  { name: '이창희', mobile: '010-4139-1550', address: '충청남도 아산시 송죽길 167', zip: '31409' },
  { name: '정요한', mobile: '010-5165-9071', address: '강원도 춘천시 호평2동 688-7 2층', zip: '24210' },
  { name: '정성환', phone: '033-734-0676', mobile: '010-2242-0676', address: '강원도 횡성군 우천면 232-12', zip: '25215' },
  { name: '김다민', mobile: '010-4720-8087', address: '경기도 동두천시 평화로2607번길 56-1', zip: '11315' },
  { name: '장유리', mobile: '010-8985-6279', address: '경남 김해시 장유면 부곡리 707동 403호', zip: '50809' },
];

export const loadDemoData = async (app: FastifyInstance, keys: ApiKeys, log: (line: string) => void) => {
  const cs = await keys.create('장유리', 'cs', 'demo');
  const cs2 = await keys.create('함정리', 'cs', 'demo');
  const connector = await keys.create('11번가 연동', 'integration', 'demo');
  const auditor = await keys.create('감사팀', 'auditor', 'demo');
  const analyst = await keys.create('분석팀', 'analyst', 'demo');
  const call = async (key: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload: object = {}, allow: readonly number[] = []) => {
    const res = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    if (res.statusCode >= 300 && !allow.includes(res.statusCode)) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json() as { no: number; copyNo?: number; replacementNo?: number };
  };
  // 기준정보: channels and the product catalogue (already there on a second run: 409 is fine).
  for (const name of CHANNELS) await call(cs.key, 'POST', '/channels', { name, group: CHANNEL_GROUPS[name] }, [409]);
  for (const p of PRODUCTS) {
    await call(cs.key, 'POST', '/products', { code: p.productCode, name: p.productName, option: p.option, salePrice: p.unitPrice, supplyPrice: Math.round(p.unitPrice * 0.6), supplier: '한빛주방', stock: 40 }, [409]);
  }
  // 매크로 of the 기본 team (a second run: the titles are taken, 409).
  for (const [title, body] of [['품절 안내', '{상품명} {옵션} 품절 안내드렸습니다.'], ['배송 지연', '{상품명} 입고 지연으로 배송이 늦어진다고 안내했습니다.'], ['주소 확인', '수령지 주소 확인 요청, 회신 대기 중.']] as const) {
    await call(cs.key, 'POST', '/memo-macros', { title, body }, [409]);
  }
  let tracking = 601234567000 + Math.floor(Math.random() * 1000) * 1000;
  const nos: number[] = [];
  for (let i = 0; i < 24; i++) {
    const person = PEOPLE[i % PEOPLE.length]!;
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const extra = PRODUCTS[(i + 2) % PRODUCTS.length]!;
    const fromChannel = i % 4 !== 3;
    const { no } = await call(fromChannel ? connector.key : cs.key, 'POST', '/orders', {
      channel: fromChannel ? CHANNELS[i % CHANNELS.length] : '자사몰',
      ...(fromChannel ? { channelOrderNo: `ord${100080 + i}-${Date.now().toString(36)}` } : {}),
      paymentMethod: (['card', 'virtual_account', 'bank_deposit', 'card', 'realtime_transfer', 'escrow'] as const)[i % 6],
      paid: i % 6 !== 1 && i % 6 !== 2,
      buyer: { name: person.name, mobile: person.mobile },
      recipient: { name: person.name, mobile: person.mobile, ...(person.phone ? { phone: person.phone } : {}), zip: person.zip, address: person.address, memo: i % 3 === 0 ? '부재시 경비실에 맡겨주세요' : undefined },
      shippingFee: i % 2 === 0 ? 3000 : 0,
      lines: i % 3 === 0 ? [{ ...product, quantity: 1 + (i % 3) }, { ...extra, quantity: 1 }] : [{ ...product, quantity: 1 + (i % 4) }],
    });
    nos.push(no);
    const step = i % 8;
    if (i % 6 === 1) continue; // 입금대기
    if (i % 6 === 2) {
      await call(cs.key, 'POST', `/orders/${no}/cancel`, { reason: 'cancel_delay', memo: '고객 요청: 입금 전 취소' });
      continue;
    }
    if (step >= 2) await call(cs2.key, 'POST', `/orders/${no}/shipping-instruction`);
    if (step === 3) {
      await call(cs.key, 'PUT', `/orders/${no}/hold`, { alarmAt: new Date(Date.now() + 86_400_000).toISOString(), memo: '주소 확인 필요: 고객 통화 후 처리' });
      continue;
    }
    if (step >= 4) await call(cs2.key, 'PUT', `/orders/${no}/invoice`, { carrier: (['cj', 'lotte', 'hanjin', 'epost', 'logen'] as const)[i % 5], trackingNumber: String(tracking++) });
    if (step >= 5) await call(connector.key, 'POST', `/orders/${no}/shipment`);
    if (step >= 6) await call(connector.key, 'POST', `/orders/${no}/delivery`);
    if (step >= 7) await call(connector.key, 'POST', `/orders/${no}/purchase-confirmation`);
    if (i % 5 === 0) await call(cs.key, 'POST', `/orders/${no}/memos`, { text: '고객 문의: 배송 일정 안내 완료' });
  }
  // The CS actions of a working day, on some of those orders.
  const [received1, received2, received3] = [nos[0], nos[9], nos[16]] as [number, number, number];
  await call(cs.key, 'POST', `/orders/${received1}/lines/1/cancel`, { quantity: 1, reason: 'cancel_quality', memo: '고객 요청: 1개만 취소' });
  await call(cs.key, 'POST', `/orders/${received2}/merge`, { orderNo: received3, memo: '같은 주소: 합포' });
  await call(cs2.key, 'PUT', `/orders/${nos[4]}/delivery-info`, { recipient: { name: '최성훈', mobile: '010-4102-2029', zip: '13120', address: '경기도 성남시 수정구 복정로32번길 7 305호', memo: '문 앞' }, memo: '호수 정정' });
  await call(cs.key, 'PUT', `/orders/${nos[12]}/priority`, { productCode: PRODUCTS[12 % PRODUCTS.length]!.productCode, position: 'top', memo: 'VIP 고객' });
  // A return followed to its end (회수 with the fee in the box, the fee and the goods arrive, one damaged, 완료처리),
  // and an exchange whose replacement order ships.
  const [returned, exchanged] = nos.filter((_, i) => i % 8 === 6 && i % 6 !== 1 && i % 6 !== 2);
  if (returned) {
    await call(cs.key, 'POST', `/orders/${returned}/pickups`, { lines: [{ lineId: 1, quantity: 1 }], reason: 'return_defect', fees: { enclosed: 6000 }, memo: '파손 접수' });
    await call(cs.key, 'PUT', `/orders/${returned}/return-expected`, { expected: true });
    await call(cs.key, 'PUT', `/orders/${returned}/pickups/1/fees`, { enclosed: { arrived: 6000 } });
    await call(cs2.key, 'POST', `/orders/${returned}/pickups/1/arrival`, { lines: [{ lineId: 1, quantity: 1, damaged: 1 }], memo: '파손 확인' });
    await call(cs.key, 'POST', `/orders/${returned}/pickups/1/completion`, { memo: '불량 확인, 환불 요청' });
  }
  if (exchanged) {
    const exchange = await call(cs.key, 'POST', `/orders/${exchanged}/exchanges`, { type: 'defect', lines: [{ lineId: 1, quantity: 1 }], memo: '불량교환 재발송' });
    if (exchange.replacementNo) {
      nos.push(exchange.replacementNo);
      await call(cs2.key, 'PUT', `/orders/${exchange.replacementNo}/invoice`, { carrier: 'cj', trackingNumber: String(tracking++) });
      await call(cs2.key, 'POST', `/orders/${exchange.replacementNo}/shipment`, {});
    }
  }
  // 판매처취소 from 11번가: 1 of 2 before shipping (then withdrawn), a return after shipping, and 1 of 2
  // of an order a worker had cancelled in full (취소철회조회 shows the rest to put back).
  const stamp = Date.now().toString(36);
  const channelOrder = async (suffix: string) => {
    const channelOrderNo = `ord-cl-${suffix}-${stamp}`;
    const person = PEOPLE[suffix.length % PEOPLE.length]!;
    const { no } = await call(connector.key, 'POST', '/orders', {
      channel: '11번가 법인', channelOrderNo, paymentMethod: 'card', paid: true,
      buyer: { name: person.name, mobile: person.mobile }, recipient: { name: person.name, mobile: person.mobile, zip: person.zip, address: person.address }, shippingFee: 3000,
      lines: [{ ...PRODUCTS[0]!, quantity: 2, channelLineNo: `${channelOrderNo}-1` }, { ...PRODUCTS[2]!, quantity: 1, channelLineNo: `${channelOrderNo}-2` }],
    });
    nos.push(no);
    return { no, channelOrderNo };
  };
  const [before, after, byHand] = [await channelOrder('a'), await channelOrder('bb'), await channelOrder('ccc')];
  await call(cs2.key, 'PUT', `/orders/${after.no}/invoice`, { carrier: 'cj', trackingNumber: String(tracking++) });
  await call(connector.key, 'POST', `/orders/${after.no}/shipment`);
  await call(cs.key, 'POST', `/orders/${byHand.no}/cancel`, { reason: 'cancel_quality', memo: '고객 전화: 전체 취소 요청' });
  const claim = (o: { channelOrderNo: string }, id: string, kind: 'cancel' | 'return', reason: string, channelReason: string) => ({
    channel: '11번가 법인', cancellationId: `${id}-${stamp}`, channelOrderNo: o.channelOrderNo, channelLineNo: `${o.channelOrderNo}-1`, quantity: 1, kind, cancelledAt: new Date().toISOString(), reason, channelReason,
  });
  await call(connector.key, 'POST', '/channel-cancellations', { items: [claim(before, 'CN1', 'cancel', '반품-취소(환불)', '단순변심'), claim(after, 'CN2', 'return', 'return_defect', '상품불량'), claim(byHand, 'CN3', 'cancel', 'return_refund', '옵션 변경')] });
  await call(connector.key, 'POST', `/channel-cancellations/${encodeURIComponent('11번가 법인')}/${encodeURIComponent(`CN1-${stamp}`)}/withdrawal`, { withdrawnAt: new Date().toISOString() });
  await call(cs.key, 'PUT', `/channels/${encodeURIComponent('11번가 법인')}/cancellation-format`, {
    columns: { channelOrderNo: 'ordNo', channelLineNo: 'ordPrdSeq', cancellationId: 'ordPrdCnSeq', quantity: ['ordCnQty', '취소수량'], cancelledAt: ['createDt', '취소일'], status: 'ordCnStatCd', reason: ['ordCnRsnCd', '취소사유'] },
    reasons: { '00': 'cancel_delay', '06': 'return_refund', 단순변심: 'return_refund' },
    withdrawnValues: ['05'],
  });

  const duplicate = await call(cs.key, 'POST', '/orders', { channel: '자사몰', paymentMethod: 'card', paid: true, buyer: { name: '김다민' }, recipient: { name: '김다민', address: '경기도 동두천시 평화로2607번길 56-1' }, shippingFee: 0, lines: [{ ...PRODUCTS[0]!, quantity: 1 }] });
  await call(cs.key, 'DELETE', `/orders/${duplicate.no}`, { memo: '중복 주문 삭제' });
  log(`Loaded ${nos.length} demo orders (관리번호 ${Math.min(...nos)}–${Math.max(...nos)}).`);
  log('Demo API keys (shown once; use as Authorization: Bearer <key>):');
  for (const k of [cs, cs2, connector, auditor, analyst]) log(`  ${k.role.padEnd(12)} ${k.worker.padEnd(10)} ${k.key}`);
};
