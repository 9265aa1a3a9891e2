// The HTTP charset reaches the parser: a GBK page without <meta charset>, a UTF-8 page whose meta lies.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contentTypeCharset, withDeclaredCharset } from '../../src/dataset/charset';

const PAGE = '<html><body><p>洛阳市商务局2021年政府信息公开工作年度报告</p></body></html>';
const BOM = [0xef, 0xbb, 0xbf];
const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b.subarray(3));

describe('contentTypeCharset', () => {
  it('reads the charset parameter', () => {
    expect(contentTypeCharset('text/html; charset=GBK')).toBe('GBK');
    expect(contentTypeCharset('text/html;charset="utf-8"')).toBe('utf-8');
    expect(contentTypeCharset('text/html')).toBeUndefined();
    expect(contentTypeCharset(null)).toBeUndefined();
  });
});

describe('withDeclaredCharset', () => {
  it('turns a GBK page into UTF-8 marked with a byte-order mark', () => {
    const gbk = new Uint8Array(iconv.encode(PAGE, 'gbk'));
    const out = withDeclaredCharset(gbk, 'gb2312');
    expect([...out.subarray(0, 3)]).toEqual(BOM);
    expect(decode(out)).toBe(PAGE);
  });

  it('marks a UTF-8 page as UTF-8 so a wrong <meta charset> cannot win', () => {
    const page = PAGE.replace('<html>', '<html><meta charset="gbk">');
    const utf8 = new TextEncoder().encode(page);
    const out = withDeclaredCharset(utf8, 'UTF-8');
    expect([...out.subarray(0, 3)]).toEqual(BOM);
    expect(decode(out)).toBe(page);
  });

  it('leaves bytes alone when the declaration is missing, foreign, or contradicted by the bytes', () => {
    const gbk = new Uint8Array(iconv.encode(PAGE, 'gbk'));
    expect(withDeclaredCharset(gbk, undefined)).toBe(gbk);
    expect(withDeclaredCharset(gbk, 'iso-8859-1')).toBe(gbk);
    expect(withDeclaredCharset(gbk, 'utf-8')).toBe(gbk); // not valid UTF-8: the parser sniffs
  });

  it('never touches PDF or DOCX bytes', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 ascii only');
    expect(withDeclaredCharset(pdf, 'utf-8')).toBe(pdf);
  });
});
