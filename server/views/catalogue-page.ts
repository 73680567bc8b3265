import type { PublicCatalogue, PublicType } from '../modules/catalogue/catalogue-public';
import { ART14_KINDS } from '../../common/domain/catalogue-terms';
import { html } from './escape';
import { brandBar, page } from './layout';

const CSS = `
h1{font-size:1.4rem;margin:.2rem 0 .4rem}
h2{font-size:1.05rem;margin:0 0 .2rem;color:#9f1c1c}
.kindtext{font-size:.85rem;color:#5f6b7a;margin:0 0 .6rem}
h3{font-size:.95rem;margin:1rem 0 .3rem;color:#333}
.note{background:#fff7e6;border-left:3px solid #f0a020;padding:.5rem .7rem;border-radius:4px;font-size:.9rem}
table.types{border-collapse:collapse;width:100%;font-size:.9rem}
table.types th,table.types td{padding:.4rem .35rem;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
table.types th{font-weight:600;color:#444;background:#fafbfc}
.code{font-family:ui-monospace,monospace;color:#5f6b7a;font-size:.8rem}
.tname{font-weight:600}
.duties{display:block;font-size:.8rem;color:#5f6b7a;font-weight:400;margin-top:.15rem}
.lim{white-space:nowrap}
.tag{display:inline-block;font-size:.75rem;border-radius:99px;padding:0 .45rem;margin-left:.3rem;background:#fdecea;color:#9f1c1c}
.def{display:block;font-size:.75rem;color:#a15c00}
.toc a{display:inline-block;margin:.2rem .6rem .2rem 0}
@media (max-width:40rem){
  table.types thead{display:none}
  table.types tr{display:block;padding:.5rem 0;border-bottom:1px solid #e3e6ea}
  table.types td{display:block;border:0;padding:.1rem 0}
  table.types td[data-k]::before{content:attr(data-k)"：";color:#5f6b7a}
}
@media print{.toc{display:none}table.types{font-size:9pt}}
`;

function row(t: PublicType) {
  return html`<tr>
<td class="code">${t.code}</td>
<td><span class="tname">${t.name}</span>${t.priority !== 'normal' ? html`<span class="tag">${t.priorityLabel}</span>` : ''}<span class="duties">${t.duties}</span></td>
<td data-k="责任单位">${t.unit}</td>
<td data-k="派遣" class="lim">${t.limits.dispatch.text}</td>
<td data-k="处置" class="lim">${t.limits.handling.text}${t.limitsDefault ? html`<span class="def">默认时限，待审核</span>` : ''}</td>
<td data-k="现场核查">${t.needsVerification ? html`<span class="lim">${t.limits.verification.text}内</span>` : '不需要'}</td>
<td data-k="向群众反馈">${t.needsFeedback ? html`<span class="lim">${t.limits.feedback.text}内</span>` : '不需要'}</td>
</tr>`;
}

/** A county's published catalogue, kinds of work (Art. 14) → groups → types, readable on a phone and printable. */
export function cataloguePage(c: PublicCatalogue, others: { code: string; name: string }[]): string {
  const v = c.version;
  const title = `${c.county.name}网格管理服务事项清单`;
  const meta = v
    ? v.isDefault
      ? html`第 ${v.number} 版 · 平台默认清单，${v.publishedOn} 启用`
      : html`第 ${v.number} 版 · ${v.publishedOn} 公布${v.approvedOn ? html` · 经${c.county.name}人民政府批准（${v.approvedOn}${v.approvalRef ? html`，${v.approvalRef}` : ''}）` : ''}`
    : html`尚未公布`;
  const count = c.kinds.reduce((n, k) => n + k.groups.reduce((m, g) => m + g.types.length, 0), 0);
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">《黑河市网格化管理服务条例》第十四条至第十六条</div>
  <h1>${title}</h1>
  <p class="small">${meta} · 共 ${count} 项</p>
  <p class="note">${c.note}${c.limitsDefaultCount ? html` 目前仍有 ${c.limitsDefaultCount} 个事项的时限为默认值。` : ''}</p>
  <p class="small">时限说明：“工作日”“工作小时”按工作日历计算（每个工作日按 8 个工作小时计，节假日不计）；“小时”“天”为自然时间。各环节的时限自该环节开始时起算：派遣（上报后派给责任单位）、处置（责任单位办结）、现场核查（需要现场核实的，网格员在处置后核实，条例第二十一条规定为二十四小时内）、向群众反馈（需要反馈的，由网格员反馈办理结果）。网格员有权拒绝承担本清单以外的工作（条例第十六条）。</p>
  ${c.kinds.length ? html`<p class="toc small">${c.kinds.map((k) => html`<a href="#k${k.kind}">${k.label}</a>`)}</p>` : ''}
</section>
${c.kinds.map(
  (k) => html`<section class="panel" id="k${k.kind}">
<h2>${k.label}</h2>
<p class="kindtext">条例第十四条第（${ART14_KINDS[k.kind]?.numeral ?? k.kind}）项：${ART14_KINDS[k.kind]?.text ?? ''}</p>
${k.groups.map(
  (g) => html`<h3>${g.level1} · ${g.level2} <span class="code">${g.code}</span></h3>
<table class="types"><thead><tr><th>编码</th><th>事项与职责任务</th><th>责任单位</th><th>派遣</th><th>处置</th><th>现场核查</th><th>向群众反馈</th></tr></thead><tbody>${g.types.map(row)}</tbody></table>`,
)}
</section>`,
)}
<p class="foot">其他县（市、区）：${others.filter((o) => o.code !== c.county.code).map((o) => html`<a href="/catalogue/${o.code}">${o.name}</a> `)}<br>本页数据另有 JSON 格式：<a href="/api/public/catalogue/${c.county.code}">/api/public/catalogue/${c.county.code}</a></p>
</main>`;
  return page({ title, css: CSS, body });
}

export function catalogueNotFoundPage(code: string, counties: { code: string; name: string }[]): string {
  const body = html`${brandBar()}<main class="wrap"><section class="panel"><h1>没有这个县（市、区）</h1>
<p>没有区划代码为 <b>${code}</b> 的县（市、区）。请选择：</p>
<ul>${counties.map((c) => html`<li><a href="/catalogue/${c.code}">${c.name}网格管理服务事项清单</a></li>`)}</ul></section></main>`;
  return page({ title: '没有这个县（市、区） · 网格通', body });
}
