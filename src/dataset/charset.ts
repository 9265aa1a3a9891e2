// A downloaded page's charset as its server declared it. HTTP's Content-Type charset outranks a <meta charset>
// (HTML standard, "determining the character encoding"), but the parser only sees bytes: so the bytes handed
// to it carry the declared charset as a UTF-8 byte-order mark, which the parser honours before anything else.
// The report id is still the hash of the bytes as downloaded.

const GB = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|csgb2312)$/i;
const UTF8 = /^(?:utf-?8|unicode-1-1-utf-8)$/i;
const BOM = [0xef, 0xbb, 0xbf];

/** The charset parameter of a Content-Type header ("text/html; charset=GBK" → "GBK"). */
export function contentTypeCharset(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
/** PDF and DOCX (zip) are binary whatever the header says. */
const isBinaryDocument = (bytes: Uint8Array) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/**
 * The bytes to parse, given the charset the transport declared: UTF-8 with a byte-order mark when the
 * declaration is GBK/GB18030 or UTF-8 and the bytes decode cleanly under it; otherwise the bytes unchanged (no
 * declaration, a charset the reports never use, or a declaration the bytes contradict: the parser sniffs).
 */
export function withDeclaredCharset(bytes: Uint8Array, charset: string | undefined): Uint8Array {
  if (!charset || startsWith(bytes, BOM) || isBinaryDocument(bytes)) return bytes;
  const label = GB.test(charset) ? 'gb18030' : UTF8.test(charset) ? 'utf-8' : undefined;
  if (!label) return bytes;
  let utf8: Uint8Array;
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes);
    utf8 = label === 'utf-8' ? bytes : new TextEncoder().encode(text);
  } catch {
    return bytes;
  }
  const out = new Uint8Array(BOM.length + utf8.length);
  out.set(BOM);
  out.set(utf8, BOM.length);
  return out;
}
