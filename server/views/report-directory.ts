import { html } from './escape';
import { brandBar, page } from './layout';
import { FORM_CSS } from './public-form';

export interface DirectoryView {
  area: { code: string; name: string; level: 'city' | 'county' | 'township' | 'village' };
  path: { code: string; name: string }[];
  children: { code: string; name: string }[];
  grids: { code: string; name: string }[];
}

const ASK: Record<DirectoryView['area']['level'], string> = {
  city: '请选择所在的县（市、区）',
  county: '请选择所在的街道（乡镇）',
  township: '请选择所在的社区（村）',
  village: '请选择所在的网格',
};

const CSS = `${FORM_CSS}
.crumbs{font-size:.85rem;color:#5f6b7a}
.crumbs a{display:inline-block;padding:.3rem 0}
ul.pick{list-style:none;margin:.4rem 0 0;padding:0}
ul.pick a{display:flex;align-items:center;min-height:3rem;padding:.55rem .8rem;margin:.4rem 0;border:1px solid #b9c2cc;border-radius:8px;text-decoration:none;color:#1f2328;font-weight:600}
ul.pick a::after{content:"›";margin-left:auto;color:#5f6b7a;font-size:1.3rem}
`;

/**
 * /report: the public site's entry for a resident without a grid's QR code, one level per page
 * (county → street → community → grid) as plain links, ending at the grid's report form.
 */
export function directoryPage(d: DirectoryView): string {
  const up = d.path.slice(0, -1);
  const next = (code: string) => (d.area.level === 'village' ? `/r/${code}` : `/report?area=${code}`);
  const items = d.area.level === 'village' ? d.grids : d.children;
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">反映问题</div>
  <h1>${d.area.level === 'city' ? '您要反映的问题在哪里？' : d.area.name}</h1>
  ${up.length ? html`<div class="crumbs">${up.map((p, i) => html`${i ? ' › ' : ''}<a href="${i === 0 ? '/report' : `/report?area=${p.code}`}">${p.name}</a>`)}</div>` : ''}
  <h2 style="margin-top:.8rem">${ASK[d.area.level]}</h2>
  ${items.length
    ? html`<ul class="pick">${items.map((x) => html`<li><a href="${next(x.code)}">${x.name}</a></li>`)}</ul>`
    : html`<div class="alert">这里还没有登记网格，请拨打 <a class="tel" href="tel:12345">12345</a> 政务服务便民热线反映问题。</div>`}
  <p class="hint">网格公示牌上有二维码，扫码可以直接打开所在网格的反映页面。</p>
</section>
<section class="panel links small"><a href="/t">已反映过？输入查询码查看办理进度</a></section>
</main>`;
  return page({ title: '反映问题 · 网格通', body, css: CSS });
}
