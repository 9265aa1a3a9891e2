// Some sites still serve GBK pages (declared as gb2312); the parser must detect the charset from the bytes.
import iconv from 'iconv-lite';

export const encodeGbk = (text: string): Uint8Array => iconv.encode(text, 'gbk');
