// Unzips an upload within limits: the central directory is checked first (nothing inflated), then every entry is
// stream-inflated with a running byte count that stops at the limit, whatever size the zip declares.
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { finding } from '../quality/finding';
import type { Finding } from './delivery';

/** Limits on what a zip may expand to: entries, and bytes inflated in all (counted, not taken from the zip). */
export interface ZipLimits { maxEntries: number; maxUncompressedBytes: number }

/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1032:1, so one step yields ≤ ~16 MB. */
const FEED_BYTES = 16 * 1024;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const at = (file: string, entry?: string) => ({ file, ...(entry ? { entry } : {}) });

/** Entries worth reading: no folders, no macOS resource forks. */
const wanted = (name: string) => !name.endsWith('/') && !name.startsWith('__MACOSX/');

/** The entries of `bytes`, inflated, or the findings that refused the zip (SHP_NOT_A_ZIP, SHP_ZIP_TOO_MANY_ENTRIES, SHP_ZIP_TOO_LARGE, SHP_ZIP_UNREADABLE). */
export function unzipWithin(bytes: Uint8Array, file: string, limits: ZipLimits): { files: Record<string, Uint8Array> } | { findings: Finding[] } {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return { findings: [finding('SHP_NOT_A_ZIP', 'error', at(file), 'the file is not a zip archive; zip the .shp, .shx, .dbf, .prj and .cpg of the layer together and upload the .zip', '该文件不是zip压缩包；请将图层的.shp、.shx、.dbf、.prj、.cpg一起压缩为.zip后上传')] };
  }
  try {
    const declared = checkDeclared(bytes, file, limits);
    if (declared.length) return { findings: declared };
    return inflateCounted(bytes, file, limits);
  } catch (error) {
    return { findings: [unreadable(file, error as Error)] };
  }
}

/** The central directory against the limits: entry count and declared sizes (unzipSync's filter sees each entry before inflating; it inflates none). */
function checkDeclared(bytes: Uint8Array, file: string, limits: ZipLimits): Finding[] {
  const refused: Finding[] = [];
  let entries = 0, total = 0;
  unzipSync(bytes, {
    filter: (entry) => {
      entries++;
      total += entry.originalSize;
      if (refused.length > 0) return false; // one refusal names the culprit
      if (entries > limits.maxEntries) {
        refused.push(finding('SHP_ZIP_TOO_MANY_ENTRIES', 'error', at(file, entry.name), `the zip has more than ${limits.maxEntries} entries; upload one shapefile layer (.shp, .shx, .dbf, .prj, .cpg) per zip`, `压缩包内文件超过${limits.maxEntries}个；每个zip请只放一个shapefile图层（.shp、.shx、.dbf、.prj、.cpg）`));
      } else if (entry.originalSize > limits.maxUncompressedBytes || total > limits.maxUncompressedBytes) {
        refused.push(finding('SHP_ZIP_TOO_LARGE', 'error', at(file, entry.name), `${entry.name} expands to ${mb(entry.originalSize)} (${mb(total)} in all so far, from ${mb(entry.size)} compressed), over the limit of ${mb(limits.maxUncompressedBytes)}; it was not unpacked — upload only the layer's own files`, `${entry.name}解压后为${mb(entry.originalSize)}（累计${mb(total)}，压缩前${mb(entry.size)}），超过上限${mb(limits.maxUncompressedBytes)}，未解压；请只上传该图层的文件`));
      }
      return false;
    },
  });
  return refused;
}

/** Inflates entry by entry, counting the bytes that come out; a zip that declared less than it holds stops at the limit. */
function inflateCounted(bytes: Uint8Array, file: string, limits: ZipLimits): { files: Record<string, Uint8Array> } | { findings: Finding[] } {
  const files: Record<string, Uint8Array> = {};
  let inflated = 0;
  let refused: Finding | undefined;
  const unzip = new Unzip((entry) => {
    if (refused || !wanted(entry.name)) return; // not started: its data is skipped
    const chunks: Uint8Array[] = [];
    entry.ondata = (err, data, final) => {
      if (refused) return;
      if (err) {
        refused = unreadable(file, err);
        return;
      }
      inflated += data.length;
      if (inflated > limits.maxUncompressedBytes) {
        refused = finding('SHP_ZIP_TOO_LARGE', 'error', at(file, entry.name),
          `${entry.name} expands to more than its declared ${mb(entry.originalSize ?? 0)}: unpacking stopped at ${mb(inflated)}, over the limit of ${mb(limits.maxUncompressedBytes)} — the zip misstates its sizes; zip the layer again`,
          `${entry.name}解压后超过其声明的${mb(entry.originalSize ?? 0)}：解压至${mb(inflated)}时已超过上限${mb(limits.maxUncompressedBytes)}并停止——压缩包记载的大小不实；请重新压缩该图层`);
        entry.terminate();
        return;
      }
      chunks.push(data);
      if (final) files[entry.name] = concat(chunks);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  for (let offset = 0; offset < bytes.length && !refused; offset += FEED_BYTES) {
    unzip.push(bytes.subarray(offset, offset + FEED_BYTES), offset + FEED_BYTES >= bytes.length);
  }
  return refused ? { findings: [refused] } : { files };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function unreadable(file: string, error: Error): Finding {
  return finding('SHP_ZIP_UNREADABLE', 'error', at(file), `the zip archive is damaged (${error.message}); zip the layer again`, `压缩包已损坏（${error.message}）；请重新压缩该图层`);
}
