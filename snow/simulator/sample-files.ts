// The files the scripted agent sends when asked for the guide: a small PNG (drawn here, so the
// repository carries no binary) and a one-page PDF. Both are valid files a viewer can open.
import { crc32, deflateSync } from 'node:zlib';

/** A `size`×`size` PNG: a blue square with a white diagonal band, 8-bit RGB. */
export function samplePng(size = 96): Buffer {
  return encodePng(size, (line, y) => {
    for (let x = 0; x < size; x++) {
      const band = Math.abs(x - y) < size / 8;
      line.set(band ? [255, 255, 255] : [0, 120, 212], 1 + x * 3);
    }
  });
}

/**
 * A square 8-bit RGB PNG whose rows `paint` fills (each row starts with its filter byte, 0);
 * `level` 0 stores the pixels uncompressed, for a file of a predictable size.
 */
export function encodePng(
  size: number,
  paint: (line: Buffer, y: number) => void,
  level?: number,
): Buffer {
  const row = (y: number) => {
    const line = Buffer.alloc(1 + size * 3);
    paint(line, y);
    return line;
  };
  const raw = Buffer.concat(Array.from({ length: size }, (_, y) => row(y)));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: level ?? -1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A one-page PDF saying what the guide is about, with a correct cross-reference table. */
export function samplePdf(title = 'VPN set-up guide'): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
