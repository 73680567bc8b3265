import type { Notice } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';
import { page } from './layout';
import { BOARD_CSS, boardSheet } from './board';

/** Every board of a street or community, one A4 page each, for one print to PDF. */
export function printAllPage(area: { name: string; path: { name: string }[] }, boards: { notice: Notice; report: string; qr: SafeHtml }[]): string {
  const where = area.path.slice(1).map((p) => p.name).join(' · ');
  const body = html`<div class="hint">${where}：共 ${boards.length} 个网格的公示牌，每个网格一页。使用浏览器的“打印”，纸张选 A4、边距选“无”，可保存为一个 PDF。</div>
${boards.length ? boards.map((b) => boardSheet(b.notice, { report: b.report }, b.qr)) : html`<div class="hint">该区域没有在用的网格。</div>`}`;
  return page({ title: `${area.name} · 全部网格公示牌`, body, css: BOARD_CSS });
}
