/**
 * `/favicon.ico`: a 16×16 icon, the service's dark blue with a white K, built here as a 32-bit
 * ICO (one BMP image) so that no binary file has to be bundled. Browsers ask for it by themselves.
 */

const GLYPH = [
  '................',
  '................',
  '...##.....##....',
  '...##....##.....',
  '...##...##......',
  '...##..##.......',
  '...##.##........',
  '...####.........',
  '...####.........',
  '...##.##........',
  '...##..##.......',
  '...##...##......',
  '...##....##.....',
  '...##.....##....',
  '................',
  '................',
];

const SIZE = 16;
const BLUE = [0x5e, 0x38, 0x00, 0xff]; // #00385e as BGRA
const WHITE = [0xff, 0xff, 0xff, 0xff];

export const favicon = (): Buffer => {
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // 1-bit AND mask, rows padded to 4 bytes: all opaque
  const image = 40 + pixels + mask;
  const out = Buffer.alloc(6 + 16 + image);
  // ICONDIR: reserved, type 1 (icon), one image.
  out.writeUInt16LE(0, 0);
  out.writeUInt16LE(1, 2);
  out.writeUInt16LE(1, 4);
  // ICONDIRENTRY: 16×16, no palette, 1 plane, 32 bits, size, offset.
  out.writeUInt8(SIZE, 6);
  out.writeUInt8(SIZE, 7);
  out.writeUInt16LE(1, 10);
  out.writeUInt16LE(32, 12);
  out.writeUInt32LE(image, 14);
  out.writeUInt32LE(22, 18);
  // BITMAPINFOHEADER: the height counts the image and its mask.
  out.writeUInt32LE(40, 22);
  out.writeInt32LE(SIZE, 26);
  out.writeInt32LE(SIZE * 2, 30);
  out.writeUInt16LE(1, 34);
  out.writeUInt16LE(32, 36);
  out.writeUInt32LE(pixels + mask, 42);
  // Rows bottom-up.
  let at = 62;
  for (let row = SIZE - 1; row >= 0; row--) {
    for (const cell of GLYPH[row] ?? '') {
      for (const byte of cell === '#' ? WHITE : BLUE) out.writeUInt8(byte, at++);
    }
  }
  return out;
};
