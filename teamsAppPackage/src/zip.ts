// Writes and reads the package zip. Writing is deterministic (fixed order and timestamps), so
// the same settings always give the same bytes and a rebuilt package is recognisably unchanged.
import JSZip from 'jszip';

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

// DOS timestamps start in 1980; any fixed date will do.
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export async function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of entries) {
    zip.file(entry.name, entry.data, { date: FIXED_DATE, createFolders: false });
  }
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
}

export interface ZipContents {
  /** Every entry name as stored, folders included (they end with `/`). */
  readonly names: readonly string[];
  read(name: string): Promise<Buffer | undefined>;
}

/** Undefined when the bytes are not a zip archive at all. */
export async function readZip(bytes: Buffer): Promise<ZipContents | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return undefined;
  }
  return {
    names: Object.keys(zip.files),
    read: async (name) => {
      const file = zip.file(name);
      return file === null ? undefined : file.async('nodebuffer');
    },
  };
}
