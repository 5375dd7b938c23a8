import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskHistoryEntry, maskMemo, maskName, maskPhone, personalValuesOf } from './masking.js';

describe('masking', () => {
  it('names keep the first and last character', () => {
    expect(maskName('김경희')).toBe('김*희');
    expect(maskName('김희')).toBe('김*');
    expect(maskName('남궁민수')).toBe('남**수');
    expect(maskName('김')).toBe('*');
  });

  it('phones mask the middle group, or all but the last four digits', () => {
    expect(maskPhone('010-1234-6279')).toBe('010-****-6279');
    expect(maskPhone('02-555-0101')).toBe('02-***-0101');
    expect(maskPhone('01012346279')).toBe('*******6279');
    expect(maskPhone('1588-1234')).toBe('****-1234');
  });

  it('addresses keep the first two words; memos are masked whole', () => {
    expect(maskAddress('경기도 용인시 성저로 36 312동 301호')).toBe('경기도 용인시 ****');
    expect(maskAddress('서울 테헤란로')).toBe('서울 ****');
    expect(maskMemo('부재시 경비실')).toBe('****');
  });

  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  it('a masked phone never holds its middle digits (property)', () => {
    fc.assert(
      fc.property(digits(3), digits(4), digits(4), (a, b, c) => {
        expect(maskPhone(`${a}-${b}-${c}`)).toBe(`${a}-****-${c}`);
        const plain = maskPhone(`${a}${b}${c}`);
        expect(plain).toBe(`${'*'.repeat(7)}${c}`);
        expect(plain.replace(/\*/g, '')).toBe(c);
      }),
    );
  });

  it('a masked name never holds its middle characters (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'가나다라마바사아자차카타파하'), { minLength: 3, maxLength: 8 }), (chars) => {
        const masked = Array.from(maskName(chars.join('')));
        expect(masked.length).toBe(chars.length);
        expect(masked.slice(1, -1).every((c) => c === '*')).toBe(true);
      }),
    );
  });

  it('CS 이력 content is masked with every personal value the stream ever held', () => {
    const values = personalValuesOf([
      { type: 'OrderPlaced', data: { buyer: { name: '김경자', mobile: '010-6364-3640' }, recipient: { name: '김경자', address: '경기도 용인시 성저로 36', memo: '부재시 경비실' } }, metadata: { memo: undefined } as never },
      { type: 'DeliveryInfoChanged', data: { previous: { name: '김경자', address: '경기도 용인시 성저로 36' }, recipient: { name: '박영희', address: '부산 해운대구 센텀중앙로 79' } }, metadata: { memo: '고객 요청 전화 010-1111-2222' } as never },
    ]);
    const entry = maskHistoryEntry({ content: '[배송정보변경] 수령자: 김경자 → 박영희, 주소: 경기도 용인시 성저로 36 → 부산 해운대구 센텀중앙로 79 / 메모: 고객 요청 전화 010-1111-2222', memo: '고객 요청 전화 010-1111-2222' }, values);
    expect(entry.content).toBe('[배송정보변경] 수령자: 김*자 → 박*희, 주소: 경기도 용인시 **** → 부산 해운대구 **** / 메모: ****');
    expect(entry.memo).toBe('****');
  });
});
