import type { Notice, NoticeGroup } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';
import { page } from './layout';
import { areaText, hotlineLines, missingLines, orderedGroups, placeLine, vacancyText } from './notice-parts';
import { outlineSvg } from './outline-svg';

/** Sheets of A4 (one per grid) that print as exactly one page each, with no browser margins. */
export const BOARD_CSS = `
@page{size:A4 portrait;margin:0}
html,body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.hint{max-width:210mm;margin:1rem auto;padding:.6rem 1rem;background:#fff8e1;border:1px solid #f3d58b;border-radius:6px;font-size:.9rem}
.sheet{width:210mm;height:296mm;margin:0 auto 8mm;background:#fff;padding:11mm 13mm 9mm;display:flex;flex-direction:column;overflow:hidden;box-shadow:0 1px 6px rgba(0,0,0,.18);break-inside:avoid}
.sheet .band{background:#b71c1c;color:#fff;display:flex;justify-content:space-between;align-items:center;padding:3mm 6mm;border-radius:2mm}
.sheet .band b{font-size:24pt;letter-spacing:.3em}
.sheet .band span{font-size:10pt;text-align:right}
.sheet .head{padding:4mm 1mm 2mm}
.sheet .owner{font-size:15pt;font-weight:700;color:#9f1c1c;margin-bottom:1mm}
.sheet h1{font-size:22pt;margin:0}
.sheet .meta{font-size:9.5pt;color:#444}
.sheet .meta code{font-family:ui-monospace,monospace;font-size:10pt;color:#1f2328}
.sheet .map{flex:none;height:92mm;border:0.3mm solid #d9dde3;border-radius:2mm;padding:1mm;display:flex;flex-direction:column}
.sheet .map svg{flex:1;width:100%;min-height:0}
.sheet .map .cap{font-size:8pt;color:#5f6b7a;text-align:right;padding:0 2mm}
.sheet .staff{flex:1;min-height:0;padding-top:3mm;overflow:hidden}
.sheet .grp{margin-bottom:2mm}
.sheet .grp .lbl{font-size:10pt;font-weight:700;color:#9f1c1c;border-bottom:0.3mm solid #f1c6c0;margin-bottom:1mm}
.sheet .ppl{display:grid;grid-template-columns:1fr 1fr;column-gap:6mm}
.sheet .p{display:flex;justify-content:space-between;align-items:baseline;font-size:12pt;padding:.6mm 0;gap:2mm}
.sheet .p .n{font-weight:600;white-space:nowrap}
.sheet .p .t{font-variant-numeric:tabular-nums;white-space:nowrap}
.sheet .p .u{display:block;font-size:8pt;color:#5f6b7a;font-weight:400}
.sheet .lead .p{font-size:16pt}
.sheet .vacant{background:#fff7e6;border-left:1mm solid #f0a020;padding:2mm 3mm;margin:1mm 0 2mm;font-size:11pt}
.sheet .vacant a{color:inherit;text-decoration:none}
.sheet .more,.sheet .micro{font-size:9pt;color:#444}
.sheet .bottom{flex:none;display:flex;gap:5mm;align-items:stretch;border-top:0.6mm solid #b71c1c;padding-top:3mm}
.sheet .calls{flex:1;font-size:11pt}
.sheet .calls .line{padding:.8mm 0}
.sheet .calls .k{display:inline-block;min-width:40mm;color:#444}
.sheet .calls .tel{font-size:14pt;font-weight:700;color:#1f2328;text-decoration:none}
.sheet .calls .who{display:block;font-size:7.5pt;color:#5f6b7a;margin:-.8mm 0 0 40mm}
.sheet .scan{flex:none;width:80mm;display:flex;gap:3mm;align-items:center}
.sheet .scan .qr{width:36mm;height:36mm;flex:none}
.sheet .scan b{display:block;font-size:14pt;color:#9f1c1c;white-space:nowrap}
.sheet .scan small{font-size:7.5pt;word-break:break-all;color:#444}
.sheet .foot2{flex:none;font-size:8pt;color:#5f6b7a;display:flex;justify-content:space-between;padding-top:2mm}
.sheet.dense .map{height:72mm}.sheet.dense .p{font-size:11pt}.sheet.dense .lead .p{font-size:14pt}
.sheet.denser .map{height:52mm}.sheet.denser .p{font-size:9.5pt;padding:.2mm 0}.sheet.denser .lead .p{font-size:12pt}.sheet.denser .ppl{grid-template-columns:1fr 1fr 1fr;column-gap:4mm}
@media print{body{background:#fff}.hint{display:none}.sheet{margin:0;box-shadow:none;break-after:page}.sheet:last-of-type{break-after:auto}}
@media screen and (max-width:210mm){.sheet{zoom:.5}}
`;

export interface BoardUrls {
  /** The absolute /r/{code} address printed under the QR code. */
  report: string;
}

/** At most this many people are printed; the rest are on the page the QR code opens. */
const MAX_PRINTED = 45;

function groupBlock(g: NoticeGroup, lead: boolean, limit: number): SafeHtml {
  const shown = g.people.slice(0, Math.max(0, limit));
  if (shown.length === 0) return html``;
  return html`<div class="grp${lead ? ' lead' : ''}"><div class="lbl">${g.label}</div><div class="ppl">${shown.map(
    (p) => html`<div class="p"><span class="n">${p.name}${p.unit ? html`<span class="u">${p.unit}</span>` : ''}</span><span class="t">${p.phone}</span></div>`,
  )}</div></div>`;
}

/** One A4 notice board (公示牌) of a grid; an exclusive grid's is its entrance notice (Art. 12 para. 2). */
export function boardSheet(n: Notice, urls: BoardUrls, qr: SafeHtml): SafeHtml {
  const groups = orderedGroups(n);
  const total = groups.reduce((s, g) => s + g.people.length, 0);
  const density = total > 16 ? 'denser' : total > 8 ? 'dense' : '';
  let left = MAX_PRINTED;
  const blocks = groups.map((g) => {
    const b = groupBlock(g, g.role === 'grid_head' || g.role === 'exclusive' || g.role === 'building_head', left);
    left -= g.people.length;
    return b;
  });
  const exclusive = n.kind === 'exclusive';
  const title = exclusive ? '专属网格公示牌' : n.level === 'micro' ? '微网格公示牌' : '网格公示牌';
  const setter = exclusive && n.owningUnit ? n.owningUnit : `${n.township?.name ?? ''}网格化管理服务中心`;
  return html`<section class="sheet ${density}" data-grid="${n.code}">
<div class="band"><b>${title}</b><span>黑河市网格化管理服务<br>${exclusive ? '依据《黑河市网格化管理服务条例》第十二条第二款' : '依据《黑河市网格化管理服务条例》第十二条'}</span></div>
<div class="head">
  ${exclusive && n.owningUnit ? html`<div class="owner">所在单位：${n.owningUnit}</div>` : ''}
  <h1>${n.name}</h1>
  <div class="meta">网格编码 <code>${n.code}</code> · ${placeLine(n)}${n.parent ? html` · 所属网格 ${n.parent.name}` : ''}</div>
</div>
<div class="map">${outlineSvg(n.boundary, { inner: n.innerOutlines, label: `${n.name}的范围示意图`, aspect: 186 / (density === 'denser' ? 48 : density === 'dense' ? 66 : 86) })}<div class="cap">网格范围示意图 · 面积${areaText(n.areaM2)}</div></div>
<div class="staff">
  ${n.staffed ? (exclusive ? html`${blocks}${missingLines(n)}` : html`${missingLines(n)}${blocks}`) : html`<div class="vacant">本网格网格长、网格员${vacancyText(n.station)}</div>`}
  ${total > MAX_PRINTED ? html`<div class="more">另有 ${total - MAX_PRINTED} 人，完整名单请扫码查看。</div>` : ''}
  ${n.micro.length ? html`<div class="micro">本网格下设 ${n.micro.length} 个微网格，楼栋长、单元长及联系电话请扫码查看。</div>` : ''}
</div>
<div class="bottom">
  <div class="calls">${hotlineLines(n)}</div>
  <div class="scan">${qr}<div><b>扫码反映问题</b><small>${urls.report}</small></div></div>
</div>
<div class="foot2"><span>设置单位：${setter}</span><span>信息截至 ${n.asOf} · 扫码查看最新信息</span></div>
</section>`;
}

export function boardPage(n: Notice, urls: BoardUrls, qr: SafeHtml): string {
  const body = html`<div class="hint">公示牌（A4 纵向）：使用浏览器的“打印”，纸张选 A4、边距选“无”，即得到一页。<a href="/g/${n.code}">返回网格公示页面</a></div>
${boardSheet(n, urls, qr)}`;
  return page({ title: `${n.name} · 公示牌`, body, css: BOARD_CSS });
}
