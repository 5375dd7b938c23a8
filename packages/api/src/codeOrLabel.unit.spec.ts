/** codeOrLabel: a zod field taking a code or a label, giving the code, documented as an enum of both. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXCHANGE_TYPE_LABELS } from '@oms/domain';
import { codeOrLabel } from './codeOrLabel.js';

describe('codeOrLabel', () => {
  const body = z.strictObject({ type: codeOrLabel(EXCHANGE_TYPE_LABELS, '교환 구분') });

  it('gives the code for a code, a label, or a looser spelling of either', () => {
    for (const type of ['defect', '불량교환', 'DEFECT', ' 불량 교환 ']) expect(body.parse({ type })).toEqual({ type: 'defect' });
  });

  it('refuses anything else as an enum does, listing every code and label', () => {
    for (const type of ['교환', '', 3, null, ['defect']]) {
      const issue = body.safeParse({ type }).error?.issues[0];
      expect(issue, JSON.stringify(type)).toMatchObject({ code: 'invalid_value', path: ['type'] });
      expect(issue?.message).toContain('"simple"|"defect"|"wrong_delivery"|"quality"|"product"|"단순교환"|"불량교환"');
    }
  });

  it('is documented as a string enum of the codes and the labels, with both in the description', () => {
    expect(z.toJSONSchema(body, { io: 'input' }).properties?.['type']).toEqual({
      type: 'string',
      enum: [...Object.keys(EXCHANGE_TYPE_LABELS), ...Object.values(EXCHANGE_TYPE_LABELS)],
      description: '교환 구분: simple (단순교환), defect (불량교환), wrong_delivery (오배송교환), quality (품질교환), product (상품교환); the code or the label',
    });
  });

  it('refuses to build over a list where a value would name no single code', () => {
    expect(() => codeOrLabel({ hanjin: '한진택배', hanjin2: '한진 택배' })).not.toThrow();
    expect(() => codeOrLabel({ hanjin: '한진택배', hanjin2: '한진택배' })).toThrow(/unclear: 한진택배/);
    expect(() => codeOrLabel({})).toThrow(/none given/);
  });
});
