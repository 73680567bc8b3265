import type { Notice } from '../modules/notices/notices.presenter';
import { html } from './escape';
import { brandBar, page } from './layout';
import { areaText, hotlineLines, missingLines, orderedGroups, placeLine, tel, vacancyText } from './notice-parts';
import { outlineSvg } from './outline-svg';
import type { SafeHtml } from './escape';

const CSS = `
h1{font-size:1.5rem;margin:.2rem 0}
.code{font-family:ui-monospace,monospace;color:#5f6b7a;font-size:.9rem}
.chips span{display:inline-block;background:#fdecea;color:#9f1c1c;border-radius:99px;padding:.05rem .6rem;font-size:.8rem;margin:.3rem .3rem 0 0}
.outline{display:block;width:100%;height:auto;max-height:60vh;background:#fafbfc;border-radius:6px}
h2{font-size:1.05rem;margin:0 0 .6rem;color:#9f1c1c}
h3{font-size:.95rem;margin:.8rem 0 .3rem;color:#444}
ul.people{list-style:none;margin:0;padding:0}
ul.people li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.2rem 1rem;padding:.55rem 0;border-bottom:1px solid #eef0f3}
ul.people li:last-child{border-bottom:0}
.name{font-weight:600;font-size:1.05rem}
.unit{display:block;font-weight:400;font-size:.8rem;color:#5f6b7a}
ul.people .tel{font-size:1.1rem;padding:.2rem 0;min-height:2rem}
.vacant{background:#fff7e6;border-left:3px solid #f0a020;padding:.5rem .7rem;margin:.5rem 0;border-radius:4px}
.line{padding:.35rem 0}.line .k{display:inline-block;min-width:8.5em;color:#444}.line .tel{font-size:1.1rem;font-weight:600}.line .who{display:block;font-size:.8rem;color:#5f6b7a}
.report{display:flex;gap:1rem;align-items:center}.report div{min-width:0;overflow-wrap:anywhere}
.qr{width:8.5rem;height:8.5rem;flex:none}
.links a{display:inline-block;margin:.3rem .8rem .3rem 0;padding:.45rem .8rem;border:1px solid #c9d1db;border-radius:6px;text-decoration:none;color:#1f2328}
.micro td,.micro th{padding:.35rem .4rem;border-bottom:1px solid #eef0f3;text-align:left;font-size:.9rem;vertical-align:top}
.micro{border-collapse:collapse;width:100%}
`;

export interface NoticeUrls {
  report: string;
  reportPath: string;
  board: string;
  card: string;
}

/** The grid's public notice as a page on the phone: what the board says, with phones to tap. */
export function noticePage(n: Notice, urls: NoticeUrls, qr: SafeHtml): string {
  const people = orderedGroups(n).map(
    (g) => html`<h3>${g.label}</h3><ul class="people">${g.people.map(
      (p) => html`<li><span class="name">${p.name}${p.unit ? html`<span class="unit">派出单位：${p.unit}</span>` : ''}</span>${tel(p.phone)}</li>`,
    )}</ul>`,
  );
  const staff = n.staffed
    ? html`${missingLines(n)}${people}`
    : html`<div class="vacant">本网格网格长、网格员${vacancyText(n.station)}</div>`;
  const micro = n.micro.length
    ? html`<section class="panel"><h2>微网格（楼栋长、单元长）</h2><table class="micro"><tr><th>微网格</th><th>楼栋长、单元长</th></tr>${n.micro.map(
        (m) => html`<tr><td><a href="/g/${m.code}">${m.name}</a></td><td>${m.people.length ? m.people.map((p) => html`<div>${p.label} ${p.name} ${tel(p.phone)}</div>`) : html`<span class="muted">暂未配备</span>`}</td></tr>`,
      )}</table></section>`
    : '';
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">${n.kind === 'exclusive' ? '专属网格公示' : '网格公示'}</div>
  <h1>${n.name}</h1>
  <div class="code">网格编码 ${n.code}</div>
  <div class="chips"><span>${n.level === 'micro' ? '微网格' : n.kindLabel}</span>${n.subKindLabel ? html`<span>${n.subKindLabel}</span>` : ''}</div>
  <p class="small">${placeLine(n)}${n.parent ? html`<br>所属网格：<a href="/g/${n.parent.code}">${n.parent.name}</a>` : ''}${n.owningUnit ? html`<br>所在单位：<b>${n.owningUnit}</b>` : ''}</p>
</section>
<section class="panel">
  <h2>网格范围</h2>
  ${outlineSvg(n.boundary, { inner: n.innerOutlines, label: `${n.name}的范围示意图`, aspect: 4 / 3 })}
  <p class="small muted">面积${areaText(n.areaM2)}。示意图，上方为北。</p>
</section>
<section class="panel">
  <h2>网格长和网格员</h2>
  ${staff}
</section>
${micro}
<section class="panel">
  <h2>监督举报和求助电话</h2>
  ${hotlineLines(n)}
</section>
<section class="panel">
  <h2>反映问题</h2>
  <div class="report">${qr}<div>扫描二维码或打开<br><a href="${urls.reportPath}">${urls.report}</a><br>反映本网格内的问题和诉求。</div></div>
  <p class="links noprint"><a href="${urls.board}">打印公示牌</a><a href="${urls.card}">打印联系卡</a></p>
</section>
<p class="foot">信息截至 ${n.asOf}，网格或人员调整后即时更新。依据《黑河市网格化管理服务条例》第十二条公布。</p>
</main>`;
  return page({ title: `${n.name}（${n.code}）· 网格公示`, body, css: CSS });
}
