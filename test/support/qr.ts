import jsQR from 'jsqr';

/**
 * Decodes a QR code drawn as SVG the way a phone would read it from a screen: the SVG's dark path
 * (`M`/`m` moves and `h` runs of modules) is rasterised to pixels, then jsQR scans the picture.
 * No knowledge of the payload is used, so a code that does not scan fails the test.
 */
export function decodeSvgQr(svg: string, scale = 6): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="[^"]*"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !d) return undefined;
  const dark = new Uint8Array(size * size);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') {
      x = n;
      y = Math.floor(Number(b));
    } else if (cmd === 'm') {
      x += n;
      y += Math.floor(Number(b ?? 0));
    } else {
      for (let i = 0; i < n; i++) dark[y * size + x + i] = 1;
      x += n;
    }
  }
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (!dark[Math.floor(py / scale) * size + Math.floor(px / scale)]) continue;
      const o = (py * width + px) * 4;
      pixels[o] = pixels[o + 1] = pixels[o + 2] = 0;
    }
  }
  return jsQR(pixels, width, width)?.data;
}
