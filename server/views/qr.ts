import { qrSvg } from '../lib/qr';
import { esc, trusted, type SafeHtml } from './escape';

/** A QR code drawn server-side as inline SVG (no image request, nothing for the CSP to refuse). */
export async function qrCode(url: string, label: string): Promise<SafeHtml> {
  const svg = (await qrSvg(url)).trim();
  return trusted(svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${esc(label)}" `));
}
