import { staffRoleLabels } from '../../common/domain/staff';
import type { Notice, NoticeGroup } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';
import { page } from './layout';
import { CITIZEN_HOTLINE, orderedGroups, placeLine } from './notice-parts';
import { outlineSvg } from './outline-svg';

/**
 * The contact card (联系卡, Art. 12) handed to households: A6, printed four to an A4 sheet with cut
 * lines, so one printed page gives four cards. On screen, one card.
 */
const CSS = `
@page{size:A4 portrait;margin:0}
html,body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.hint{max-width:105mm;margin:1rem auto;padding:.6rem 1rem;background:#fff8e1;border:1px solid #f3d58b;border-radius:6px;font-size:.9rem}
.cards{display:flex;justify-content:center}
.card{width:105mm;height:148mm;background:#fff;padding:6mm 6.5mm 5mm;display:flex;flex-direction:column;overflow:hidden;box-shadow:0 1px 6px rgba(0,0,0,.18)}
.card .band{background:#b71c1c;color:#fff;display:flex;justify-content:space-between;align-items:center;padding:1.6mm 3mm;border-radius:1.5mm;font-size:8pt}
.card .band b{font-size:14pt;letter-spacing:.25em}
.card .top{display:flex;gap:3mm;padding:2.5mm 0 1.5mm}
.card .top .t{flex:1;min-width:0}
.card h1{font-size:13.5pt;margin:0;line-height:1.25}
.card .meta{font-size:7pt;color:#444}
.card .top svg{width:28mm;height:21mm;flex:none;background:#fafbfc;border-radius:1mm}
.card .people{flex:1;min-height:0;overflow:hidden;font-size:9pt}
.card .lbl{font-size:7.5pt;font-weight:700;color:#9f1c1c;margin-top:1mm;line-height:1.3}
.card .p{display:flex;justify-content:space-between;gap:2mm;line-height:1.3}
.card .p .n{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.card .p .t{white-space:nowrap;font-variant-numeric:tabular-nums}
.card .lead .p{font-size:11pt}
.card .vacant{background:#fff7e6;border-left:.8mm solid #f0a020;padding:1mm 2mm;margin:1mm 0;font-size:8pt}
.card .more{font-size:7pt;color:#5f6b7a}
.card .bottom{flex:none;display:flex;gap:3mm;align-items:center;border-top:.4mm solid #b71c1c;padding-top:2mm}
.card .calls{flex:1;font-size:8pt;line-height:1.5}
.card .calls b{font-size:10pt}
.card .qr{width:24mm;height:24mm;flex:none}
.card .scan{font-size:6.5pt;text-align:center;color:#9f1c1c;font-weight:700}
.copy{display:none}
@media print{
  body{background:#fff}.hint{display:none}
  .cards{display:grid;grid-template-columns:105mm 105mm;grid-template-rows:148mm 148mm;width:210mm;height:296mm;overflow:hidden}
  .card{box-shadow:none;outline:.2mm dashed #9aa4b1;outline-offset:-.1mm}
  .copy{display:flex}
}
`;

/** People on one card: the head and the 专职/专属 worker in full, then a fair share of each other kind. */
const MAX_ON_CARD = 9;
const LEAD = new Set(['grid_head', 'exclusive', 'fulltime', 'building_head']);

/** How many of each group fit: leads in full, the remaining places shared out, small groups first. */
function shares(groups: NoticeGroup[]): Map<NoticeGroup, number> {
  const out = new Map<NoticeGroup, number>();
  let slots = MAX_ON_CARD;
  for (const g of groups.filter((x) => LEAD.has(x.role))) {
    out.set(g, g.people.length);
    slots -= g.people.length;
  }
  const rest = groups.filter((x) => !LEAD.has(x.role)).sort((a, b) => a.people.length - b.people.length);
  rest.forEach((g, i) => {
    const n = Math.max(0, Math.min(g.people.length, Math.floor(slots / (rest.length - i))));
    out.set(g, n);
    slots -= n;
  });
  return out;
}

function cardBody(n: Notice, qr: SafeHtml): SafeHtml {
  const groups = orderedGroups(n);
  const fit = shares(groups);
  const total = groups.reduce((s, g) => s + g.people.length, 0);
  const shown = [...fit.values()].reduce((s, x) => s + x, 0);
  const blocks = groups.map((g) => {
    const people = g.people.slice(0, fit.get(g) ?? 0);
    if (people.length === 0) return '';
    return html`<div class="${LEAD.has(g.role) ? 'lead' : ''}"><div class="lbl">${g.label}</div>${people.map(
      (p) => html`<div class="p"><span class="n">${p.name}${p.unit ? `（${p.unit}）` : ''}</span><span class="t">${p.phone}</span></div>`,
    )}</div>`;
  });
  const who = n.staffed ? n.missing.map((r) => staffRoleLabels[r]).join('、') : '本网格网格长、网格员';
  const vacant = html`<div class="vacant">${who}暂未配备，请联系${n.station?.name ?? '社区（村）网格化管理服务站'}${n.station?.phone ? `（${n.station.phone}）` : ''}</div>`;
  return html`<div class="band"><b>网格联系卡</b><span>黑河市网格化管理服务</span></div>
<div class="top"><div class="t"><h1>${n.name}</h1><div class="meta">${n.code}<br>${placeLine(n)}</div></div>${outlineSvg(n.boundary, { label: `${n.name}的范围示意图`, aspect: 4 / 3, plain: true })}</div>
<div class="people">${blocks}${!n.staffed || n.missing.length ? vacant : ''}${total > shown ? html`<div class="more">另有 ${total - shown} 人，请扫码查看。</div>` : ''}</div>
<div class="bottom"><div class="calls">${n.hotline?.phone ? html`监督举报电话<br><b>${n.hotline.phone}</b><br>` : ''}${CITIZEN_HOTLINE.name} <b>${CITIZEN_HOTLINE.phone}</b>${n.station?.phone ? html`<br>社区（村）值班 ${n.station.phone}` : ''}</div>
<div>${qr}<div class="scan">扫码反映问题</div></div></div>`;
}

export function cardPage(n: Notice, qr: SafeHtml): string {
  const one = cardBody(n, qr);
  const body = html`<div class="hint">联系卡（A6）：打印时纸张选 A4、边距选“无”，一页四张，沿虚线裁开。<a href="/g/${n.code}">返回网格公示页面</a></div>
<div class="cards"><div class="card" data-grid="${n.code}">${one}</div>${[1, 2, 3].map(() => html`<div class="card copy" aria-hidden="true">${one}</div>`)}</div>`;
  return page({ title: `${n.name} · 联系卡`, body, css: CSS });
}
