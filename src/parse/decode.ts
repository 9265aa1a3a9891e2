// Bytes → format and text. Reports come as UTF-8 or GBK/GB18030 (older government sites), sometimes with a BOM
// or a <meta charset>; anything else that does not decode cleanly is not a text report.
import type { SourceFormat } from '../model/record';
import { ParseError } from './errors';

export function sniffFormat(bytes: Uint8Array, name: string): SourceFormat {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (/\.docx$/i.test(name) || containsAscii(bytes, 'word/document.xml')) return 'docx';
    throw new ParseError('a ZIP archive that is not a Word (.docx) document');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new ParseError('an old binary Word/Excel (.doc/.xls) file; save it as .docx or PDF');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).toLowerCase();
  if (/\.html?$/i.test(name) || /<(?:!doctype html|html|body|table|meta|div|p)[\s>]/.test(head)) return 'html';
  return /\.md$/i.test(name) ? 'md' : 'txt';
}

/** Decodes text bytes: BOM, then a declared charset, then strict UTF-8, then GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array, format: SourceFormat): string {
  let label = 'utf-8';
  let body = bytes;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) body = bytes.subarray(3);
  else if (startsWith(bytes, [0xff, 0xfe])) label = 'utf-16le';
  else if (startsWith(bytes, [0xfe, 0xff])) label = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).toLowerCase();
    const declared = format === 'html' ? /charset\s*=\s*["']?\s*([\w-]+)/.exec(head)?.[1] : undefined;
    if (declared && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared)) label = 'gb18030';
  }
  const text = label === 'utf-8' ? (strictUtf8(body) ?? new TextDecoder('gb18030').decode(body)) : new TextDecoder(label).decode(body);
  if (looksBinary(text)) throw new ParseError('binary data, not a text, HTML, PDF or DOCX report');
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text if the bytes are valid UTF-8; otherwise they are taken as GB18030 (a superset of GBK). */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g;

/** Control characters or replacement characters in more than 1% of the first 64K characters. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  return (sample.match(BINARY)?.length ?? 0) > sample.length * 0.01;
}

function startsWith(bytes: Uint8Array, sig: number[]) {
  return sig.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, s: string) {
  return new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).includes(s);
}
