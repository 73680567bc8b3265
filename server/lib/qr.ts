import QRCode from 'qrcode';

/** A QR code as an SVG string (error correction M: still reads when a printed board is worn). */
export function qrSvg(text: string, opts: { margin?: number } = {}): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: opts.margin ?? 1 });
}
