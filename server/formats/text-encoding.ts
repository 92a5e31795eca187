// Decodes text files from survey tools (BOM → strict UTF-8 → GB18030) and encodes them back as GBK or UTF-8.
import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/** How a file's bytes were read: 'gb18030' also covers GBK and GB2312, its subsets. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes a text file's bytes: a byte-order mark first (UTF-8, UTF-16 LE/BE), then strict UTF-8,
 * else GB18030 (the superset of GBK that most Windows survey tools write). Never throws.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
  }
}

/**
 * decodeText in pieces of about `sliceBytes` (the same detection: BOM, strict UTF-8, else GB18030), for files too large
 * to hold decoded whole: a 100 MB TXT with 中文 is a 200 MB string. A piece may end inside a line.
 */
export function decodeTextPieces(bytes: Uint8Array, sliceBytes = 8 * 1024 * 1024): { encoding: TextEncodingName; pieces: Generator<string> } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8-bom' : bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const encoding: TextEncodingName = bom ?? (isUtf8(buffer) ? 'utf-8' : 'gb18030');
  const skip = encoding === 'utf-8-bom' ? 3 : bom ? 2 : 0;
  const decoder = iconv.getDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  function* pieces(): Generator<string> {
    for (let at = skip; at < buffer.length; at += sliceBytes) yield decoder.write(buffer.subarray(at, Math.min(buffer.length, at + sliceBytes)));
    const rest = decoder.end();
    if (rest) yield rest;
  }
  return { encoding, pieces: pieces() };
}

/** Encodes text as GBK (what Windows survey tools expect) or as UTF-8 without a byte-order mark. */
export function encodeText(text: string, encoding: 'gbk' | 'utf-8'): Uint8Array {
  return encoding === 'gbk' ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
}
