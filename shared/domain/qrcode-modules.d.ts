// The two pure modules of `qrcode` that build a QR matrix and draw it as SVG, imported directly so
// a function bundle does not pull in the PNG and terminal renderers (and pngjs) of its main entry.
declare module 'qrcode/lib/core/qrcode.js' {
  const QRCode: { create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): unknown };
  export default QRCode;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  const svgTag: { render(qr: unknown, options?: { margin?: number; width?: number }): string };
  export default svgTag;
}
