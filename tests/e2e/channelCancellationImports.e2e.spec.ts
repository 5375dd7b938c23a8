/**
 * 판매처취소 by file, with files shaped like the marketplaces' own exports and written here: a
 * SmartStore .xlsx (a notice row above the headers, claims per 상품주문번호, CANCEL_DONE / RETURN_DONE
 * / CANCEL_REJECT), an 11번가 UTF-8 .csv with a BOM (ordNo, ordPrdSeq, ordPrdCnSeq, ordCnQty, status
 * 05 = withdrawn), a Coupang EUC-KR .csv without a claim number (receiptId per receipt, cancelCount per
 * item). Then the dry run, the second import, bad files and rows, and both views as .xlsx and .csv.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, uniqueSuffix } from '../support/databases.js';
import type { TestApp } from '../support/app.js';
import { ADMIN_KEY, freshTrackingNumber, sampleOrder, startTestApp } from '../support/app.js';

type Row = { row?: number; cancellationId: string; outcome: string; no?: number; code?: string; column?: string };
type ImportAnswer = { id: string | null; rows: number; items: Row[]; summary: Record<string, number>; dryRun: boolean };

const csv = (rows: readonly (readonly (string | number)[])[]) => rows.map((r) => r.join(',')).join('\r\n');

describe.each(testDatabases)('channel cancellation files on $name', (database) => {
  let t: TestApp;
  const suffix = uniqueSuffix();
  const SMARTSTORE = `스마트스토어-${suffix}`;
  const ELEVEN = `11번가-${suffix}`;
  const COUPANG = `쿠팡-${suffix}`;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp(database);
    for (const name of [SMARTSTORE, ELEVEN, COUPANG]) expect((await t.call(ADMIN_KEY, 'POST', '/channels', { name })).statusCode).toBe(201);
    const put = async (name: string, format: unknown) => {
      const res = await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(name)}/cancellation-format`, format);
      expect(res.statusCode, res.body).toBe(200);
    };
    await put(SMARTSTORE, {
      headerRow: 2,
      columns: {
        channelOrderNo: '주문번호',
        channelLineNo: '상품주문번호',
        cancellationId: '클레임번호',
        quantity: ['클레임수량', '취소수량'],
        cancelledAt: '클레임요청일',
        kind: ['클레임구분', '클레임유형'],
        status: ['처리상태', '클레임상태'],
        reason: ['반품사유', '상세사유'],
        returnTrackingNumber: '회수 송장번호',
      },
      reasons: { 단순변심: 'return_refund', 상품불량: '반품-불량' },
      returnValues: ['RETURN_DONE'],
      withdrawnValues: ['CANCEL_REJECT', 'RETURN_REJECT'],
    });
    await put(ELEVEN, {
      columns: { channelOrderNo: 'ordNo', channelLineNo: 'ordPrdSeq', cancellationId: 'ordPrdCnSeq', quantity: 'ordCnQty', cancelledAt: 'createDt', status: 'ordCnStatCd', reason: 'ordCnRsnCd' },
      reasons: { '00': 'cancel_delay', '06': 'return_refund' },
      withdrawnValues: ['05'],
    });
    await put(COUPANG, {
      columns: { channelOrderNo: '주문번호', productCode: '옵션ID', quantity: ['취소수량', 'cancelCount'], cancelledAt: '접수일', reason: '상세사유', status: '상태' },
      defaultReason: 'return_refund',
      returnValues: ['반품완료'],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** An order of `channel` with 2 냄비 (상품주문번호 `<order>-1` / seq 1) and 1 주걱, in 접수 or 배송. */
  const orderOf = async (channel: string, shipped = false, lineNo = (o: string, i: number) => `${o}-${i + 1}`) => {
    const channelOrderNo = `${suffix}${String(seq++).padStart(4, '0')}`;
    const res = await t.call(t.keys.integration, 'POST', '/orders', sampleOrder({ channel, channelOrderNo, lines: sampleOrder().lines.map((l, i) => ({ ...l, channelLineNo: lineNo(channelOrderNo, i) })) }));
    expect(res.statusCode, res.body).toBe(201);
    const no = (res.json() as { no: number }).no;
    if (shipped) {
      await t.call(t.keys.cs, 'PUT', `/orders/${no}/invoice`, { carrier: 'cj', trackingNumber: freshTrackingNumber() });
      await t.call(t.keys.cs, 'POST', `/orders/${no}/shipment`);
    }
    return { no, channelOrderNo };
  };
  const upload = async (channel: string, fileName: string, bytes: Buffer, dryRun = false) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return t.app.inject({ method: 'POST', url: `/channel-cancellations/import?channel=${encodeURIComponent(channel)}${dryRun ? '&dryRun=true' : ''}`, payload: form, headers: { authorization: `Bearer ${t.keys.cs}` } });
  };
  const imported = async (channel: string, fileName: string, bytes: Buffer, dryRun = false) => {
    const res = await upload(channel, fileName, bytes, dryRun);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportAnswer;
  };
  const order = async (no: number) => (await t.call(t.keys.cs, 'GET', `/orders/${no}`)).json() as { hold: unknown; lines: { cancelled: number; toRestore: number }[] };
  const eventCount = async (no: number) => ((await t.call(t.keys.auditor, 'GET', `/orders/${no}/events`)).json().items as unknown[]).length;

  /** SmartStore's claim export: a notice above the headers, an Excel date cell, 상품주문번호 as a long number. */
  const smartStoreFile = async (rows: readonly (readonly (string | number | Date)[])[]) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('클레임');
    sheet.addRow(['※ 최근 3개월 클레임 내역입니다. 개인정보 취급에 유의하세요.']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(['상품주문번호', '주문번호', '클레임번호', '클레임구분', '처리상태', '클레임수량', '클레임요청일', '반품사유', '회수 송장번호']);
    for (const r of rows) sheet.addRow([...r]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  /** An Excel date cell shows Seoul wall time: exceljs writes a Date's UTC digits. */
  const seoulCell = (wall: string) => new Date(`${wall}Z`);

  it('SmartStore .xlsx: the preview applies nothing; the import cancels before shipping, records after, withdraws a CANCEL_REJECT', async () => {
    const a = await orderOf(SMARTSTORE);
    const b = await orderOf(SMARTSTORE, true);
    const c = await orderOf(SMARTSTORE);
    const file = await smartStoreFile([
      [`${a.channelOrderNo}-1`, a.channelOrderNo, `CLM-${a.no}`, '취소', 'CANCEL_DONE', 1, seoulCell('2026-12-01T11:00:00'), '단순변심', ''],
      [`${b.channelOrderNo}-1`, b.channelOrderNo, `CLM-${b.no}`, '반품', 'RETURN_DONE', 2, seoulCell('2026-12-01T12:30:00'), '상품불량', '601234567001'],
      [`${c.channelOrderNo}-2`, c.channelOrderNo, `CLM-${c.no}`, '취소', 'CANCEL_DONE', 1, seoulCell('2026-12-01T13:00:00'), '단순변심', ''],
      [`${c.channelOrderNo}-2`, c.channelOrderNo, `CLM-${c.no}`, '취소', 'CANCEL_REJECT', 1, seoulCell('2026-12-01T13:00:00'), '단순변심', ''],
    ]);
    const before = await eventCount(a.no);
    const preview = await imported(SMARTSTORE, '스마트스토어_클레임.xlsx', file, true);
    expect(preview).toMatchObject({ id: null, dryRun: true, rows: 4 });
    expect(preview.items.map((i) => [i.row, i.outcome])).toEqual([[3, 'applied'], [4, 'recorded'], [5, 'applied'], [6, 'applied']]);
    // Each row reads on its own: what it says and what it would do here (1 cancelled before shipping; 0 after).
    expect(preview.items[0]).toMatchObject({ channelOrderNo: a.channelOrderNo, line: `상품주문번호 ${a.channelOrderNo}-1`, quantity: 1, cancelledHere: 1, cancelType: 'received_cancel' });
    expect(preview.items[1]).toMatchObject({ channelOrderNo: b.channelOrderNo, quantity: 2, cancelledHere: 0, cancelType: 'shipped_return' });
    expect(await eventCount(a.no)).toBe(before);

    const answer = await imported(SMARTSTORE, '스마트스토어_클레임.xlsx', file);
    expect(answer.items.map((i) => [i.row, i.outcome, i.no])).toEqual([[3, 'applied', a.no], [4, 'recorded', b.no], [5, 'applied', c.no], [6, 'applied', c.no]]);
    expect(answer.summary).toEqual({ applied: 3, recorded: 1, duplicate: 0, refused: 0 });
    expect((await order(a.no)).lines[0]?.cancelled).toBe(1);
    expect((await order(a.no)).hold).not.toBeNull();
    const rowB = (await t.call(t.keys.cs, 'GET', `/views/cancellations?q=${b.channelOrderNo}`)).json().items[0];
    expect(rowB).toMatchObject({ kind: 'return', cancelType: 'shipped_return', reason: 'return_defect', channelReason: '상품불량', returnTrackingNumber: '601234567001', cancelledAt: '2026-12-01T03:30:00.000Z' });
    // c: cancelled, then withdrawn in the same file: the 주걱 is to be restored.
    expect((await order(c.no)).lines[1]).toMatchObject({ cancelled: 1, toRestore: 1 });

    // The record of the import, and the same file again: every row a duplicate, nothing changes.
    const record = (await t.call(t.keys.auditor, 'GET', `/channel-cancellations/imports/${answer.id}`)).json();
    expect(record).toMatchObject({ id: answer.id, channel: SMARTSTORE, fileName: '스마트스토어_클레임.xlsx', importedBy: '장유리', rows: 4, summary: answer.summary });
    expect(record.items).toEqual(answer.items);
    const again = await imported(SMARTSTORE, '스마트스토어_클레임.xlsx', file);
    expect(again.summary).toEqual({ applied: 0, recorded: 0, duplicate: 4, refused: 0 });
    expect((await order(a.no)).lines[0]?.cancelled).toBe(1);
  });

  it('11번가 UTF-8 .csv with a BOM: ordPrdSeq names the line, status 05 withdraws, reason codes are mapped', async () => {
    const a = await orderOf(ELEVEN, false, (_o, i) => String(i + 1));
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        csv([
          ['ordNo', 'ordPrdSeq', 'ordPrdCnSeq', 'ordCnQty', 'createDt', 'ordCnStatCd', 'ordCnRsnCd'],
          [a.channelOrderNo, 2, `${a.no}01`, 1, '2026.12.01 11:00', '02', '00'],
          [a.channelOrderNo, 1, `${a.no}02`, 1, '20261201', '02', '06'],
          [a.channelOrderNo, 1, `${a.no}02`, 1, '20261201', '05', '06'],
        ]),
        'utf8',
      ),
    ]);
    const answer = await imported(ELEVEN, 'eleven.csv', file);
    expect(answer.items.map((i) => i.outcome)).toEqual(['applied', 'applied', 'applied']);
    const o = await order(a.no);
    expect(o.lines.map((l) => l.cancelled)).toEqual([1, 1]);
    expect(o.lines.map((l) => l.toRestore)).toEqual([1, 0]);
    const row = (await t.call(t.keys.cs, 'GET', `/views/cancellations?q=${a.no}01&shipping=before`)).json().items[0];
    expect(row).toMatchObject({ reason: 'cancel_delay', channelReason: '00', cancelledAt: '2026-12-01T02:00:00.000Z', lineId: 2 });
  });

  it('Coupang EUC-KR .csv without a claim number: row ids come from the content, so the same file applies once', async () => {
    const a = await orderOf(COUPANG);
    const rows = [
      ['주문번호', '옵션ID', 'cancelCount', '접수일', '상세사유', '상태'],
      [a.channelOrderNo, '30247', '1', '2026-12-01 11:00:00', '고객 변심 (단순변심)', '반품완료'],
      [a.channelOrderNo, '41002', '1', '2026-12-01 11:00:00', '', '취소완료'],
    ];
    const file = iconv.encode(csv(rows), 'cp949');
    expect(file.includes(Buffer.from('주문번호', 'utf8'))).toBe(false);
    const first = await imported(COUPANG, '쿠팡_반품.csv', file);
    expect(first.items.map((i) => i.outcome)).toEqual(['applied', 'applied']);
    expect(first.items[0]?.cancellationId).toMatch(/^F-[0-9a-f]{20}$/);
    expect((await order(a.no)).lines.map((l) => l.cancelled)).toEqual([1, 1]);
    const second = await imported(COUPANG, '쿠팡_반품.csv', file);
    expect(second.items.map((i) => [i.outcome, i.cancellationId])).toEqual(first.items.map((i) => ['duplicate', i.cancellationId]));
    expect((await order(a.no)).lines.map((l) => l.cancelled)).toEqual([1, 1]);
  });

  it('a bad row is refused with its row and column while the others apply; an unmapped reason likewise', async () => {
    const a = await orderOf(SMARTSTORE);
    const b = await orderOf(SMARTSTORE);
    const file = await smartStoreFile([
      [`${a.channelOrderNo}-1`, a.channelOrderNo, `BAD-${a.no}`, '취소', 'CANCEL_DONE', '두 개', seoulCell('2026-12-01T11:00:00'), '단순변심', ''],
      [`${a.channelOrderNo}-1`, a.channelOrderNo, `BAD2-${a.no}`, '취소', 'CANCEL_DONE', 1, '2026-02-30 11:00', '단순변심', ''],
      [`${a.channelOrderNo}-1`, a.channelOrderNo, `BAD3-${a.no}`, '취소', 'CANCEL_DONE', 1, seoulCell('2026-12-01T11:00:00'), '배송이 너무 늦어요', ''],
      [`${b.channelOrderNo}-1`, b.channelOrderNo, `OK-${b.no}`, '취소', 'CANCEL_DONE', 1, seoulCell('2026-12-01T11:00:00'), '단순변심', ''],
    ]);
    const answer = await imported(SMARTSTORE, 'mixed.xlsx', file);
    expect(answer.items.map((i) => [i.row, i.outcome, i.code ?? null, i.column ?? null])).toEqual([
      [3, 'refused', 'NOT_INTEGER', 'F'],
      [4, 'refused', 'NOT_DATE_TIME', 'G'],
      [5, 'refused', 'REASON_NOT_MAPPED', 'H'],
      [6, 'applied', null, null],
    ]);
    expect((await order(a.no)).lines[0]?.cancelled).toBe(0);
    expect((await order(b.no)).lines[0]?.cancelled).toBe(1);
  });

  it('a bad file is a problem+json: not a spreadsheet, a required column missing, no format for the channel', async () => {
    const pdf = await upload(SMARTSTORE, 'claims.pdf', Buffer.from('%PDF-1.4 not a sheet'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe('UNSUPPORTED_FILE');
    const missing = await upload(ELEVEN, 'eleven.csv', Buffer.from(csv([['ordNo', 'ordPrdSeq', 'createDt'], ['1', '1', '20261201']])));
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('COLUMN_NOT_FOUND');
    expect(JSON.stringify(missing.json())).toContain('quantity');
    const res = await t.call(ADMIN_KEY, 'POST', '/channels', { name: `새판매처-${suffix}` });
    expect(res.statusCode).toBe(201);
    const noFormat = await upload(`새판매처-${suffix}`, 'x.csv', Buffer.from('a,b\n1,2'));
    expect(noFormat.statusCode).toBe(409);
    expect(noFormat.json().code).toBe('CANCELLATION_FORMAT_MISSING');
    const json = await t.call(t.keys.cs, 'POST', `/channel-cancellations/import?channel=${encodeURIComponent(ELEVEN)}`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const badFormat = await t.call(t.keys.cs, 'PUT', `/channels/${encodeURIComponent(ELEVEN)}/cancellation-format`, { columns: { channelOrderNo: 'ordNo', quantity: 'q', cancelledAt: 'd' } });
    expect(badFormat.statusCode).toBe(422);
    expect(JSON.stringify(badFormat.json().errors)).toContain('columns.channelLineNo');
    const unknownChannel = await t.call(t.keys.cs, 'PUT', '/channels/NO-SUCH/cancellation-format', { columns: { channelOrderNo: 'a', quantity: 'b', cancelledAt: 'c', productCode: 'd' } });
    expect(unknownChannel.statusCode).toBe(404);
  });

  it('both views export as .xlsx and .csv: Korean headers, one sheet, the rows the screen shows', async () => {
    const a = await orderOf(SMARTSTORE, true);
    const b = await orderOf(SMARTSTORE);
    await t.call(t.keys.cs, 'POST', `/orders/${b.no}/cancel`, { reason: 'cancel_delay' });
    const file = await smartStoreFile([
      [`${a.channelOrderNo}-1`, a.channelOrderNo, `EXP-${a.no}`, '반품', 'RETURN_DONE', 1, seoulCell('2026-12-02T09:15:00'), '단순변심', ''],
      [`${b.channelOrderNo}-1`, b.channelOrderNo, `EXP-${b.no}`, '취소', 'CANCEL_DONE', 1, seoulCell('2026-12-02T09:20:00'), '단순변심', ''],
    ]);
    await imported(SMARTSTORE, 'export.xlsx', file);

    const query = `q=EXP-${a.no}`;
    const page = (await t.call(t.keys.cs, 'GET', `/views/cancellations?${query}`)).json();
    const xlsx = await t.call(t.keys.cs, 'GET', `/views/cancellations?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['접수일', '주문번호', '관리번호', '판매처', '주문자', '상품', '주문수량', '취소수량', '송장번호', '배송일', '주문상태', '취소일', '취소타입', '확인']));
    expect(sheet.rowCount).toBe(1 + page.total);
    const cell = (name: string) => sheet.getRow(2).getCell(headers.indexOf(name) + 1).value;
    expect(cell('관리번호')).toBe(a.no);
    expect(cell('취소타입')).toBe('배송-반품');
    expect(cell('주문수량')).toBe(2);
    expect(cell('주문상태')).toBe('배송');

    const text = await t.call(t.keys.cs, 'GET', `/views/cancel-withdrawals?q=${b.channelOrderNo}&format=csv`);
    expect(text.statusCode).toBe(200);
    expect(text.headers['content-type']).toContain('text/csv');
    expect([...text.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('관리번호,판매처,주문번호,주문자,주문상태,접수일,배송일,취소일,취소철회접수일,작업자,상품,주문수량,취소수량,판매처 취소수량,복귀할 수량,확인');
    // 냄비: 2 cancelled by hand, 1 by the channel → 1 to restore; 주걱: 1 → 1.
    expect(lines.slice(1).map((l) => l.split(',')[14])).toEqual(['1', '1']);
    expect(lines[1]).toContain('2026-12-02 09:20');
  });
});
