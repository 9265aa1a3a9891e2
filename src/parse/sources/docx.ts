// DOCX → HTML (mammoth keeps tables, with merged cells as colspan/rowspan) → the HTML path.
import { ParseError } from '../errors';

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // mammoth reads `buffer` in Node and `arrayBuffer` in the browser
    const input = { arrayBuffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
    const { value } = await (mammoth.default ?? mammoth).convertToHtml(input);
    return value;
  } catch (e) {
    throw new ParseError(`not a readable Word document (${(e as Error).message})`);
  }
}
