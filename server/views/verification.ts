import { html } from './escape';
import { brandBar, page } from './layout';

/** What certification.verify answers; the page shows exactly this and nothing else. */
export interface WorkIdCheck {
  name: string;
  roles: string[];
  grids: { code: string; name: string }[];
  county: string;
  valid: boolean;
  reason: string | null;
  checkedAt: Date;
}

const CSS = `
.idcard{display:flex;gap:1rem;align-items:flex-start}
.photo{width:6rem;height:8rem;flex:none;border-radius:6px;background:#e9edf2}
h1{font-size:1.6rem;margin:0 0 .2rem}
.roles{color:#444}
.state{margin:1rem 0 .4rem;padding:.8rem 1rem;border-radius:8px;font-size:1.1rem}
.state b{font-size:1.6rem;margin-right:.5rem;vertical-align:middle}
.ok{background:#e7f6ec;color:#146c2e;border:2px solid #1f8f3f}
.bad{background:#fdecea;color:#a11d1d;border:2px solid #c62828}
ul{padding-left:1.2rem;margin:.3rem 0}
`;

/** Beijing time to the minute, as a resident reads it. */
function cst(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The public check of a grid worker's work ID (Art. 16, 27): who, which kind, which grids, valid now or not. */
export function verificationPage(v: WorkIdCheck): string {
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">网格员工作证核验</div>
  <div class="idcard">
    <svg class="photo" viewBox="0 0 60 80" role="img" aria-label="照片"><rect width="60" height="80" fill="#e9edf2"/><circle cx="30" cy="30" r="13" fill="#c3ccd6"/><path d="M8 80c2-18 11-27 22-27s20 9 22 27z" fill="#c3ccd6"/></svg>
    <div><h1>${v.name}</h1><div class="roles">${v.roles.length ? v.roles.join('、') : '当前未担任网格职务'}</div></div>
  </div>
  <div class="state ${v.valid ? 'ok' : 'bad'}">${v.valid ? html`<b>有效</b>工作证有效，持证人正在履职。` : html`<b>无效</b>${v.reason ?? '工作证无效'}`}</div>
  ${v.grids.length ? html`<div>服务网格：<ul>${v.grids.map((g) => html`<li><a href="/g/${g.code}">${g.name}</a></li>`)}</ul></div>` : ''}
  <p class="small muted">核验时间：${cst(v.checkedAt)}（北京时间）${v.county ? html` · 发证单位：${v.county}网格化管理服务中心` : ''}</p>
</section>
<p class="foot">如对来访人员身份有疑问，请拨打 12345 政务服务便民热线核实。</p>
</main>`;
  return page({ title: `工作证核验 · ${v.name}`, body, css: CSS, noindex: true });
}
