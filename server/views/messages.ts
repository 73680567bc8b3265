import type { RetiredNotice } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';
import { brandBar, page } from './layout';
import { hotlineLines, placeLine } from './notice-parts';

const CSS = `
h1{font-size:1.35rem;margin:.2rem 0 .6rem}
.line{padding:.3rem 0}.line .k{display:inline-block;min-width:8.5em;color:#444}.line .tel{font-weight:600}.line .who{display:block;font-size:.8rem;color:#5f6b7a}
`;

/** A short page that says one thing: what went wrong or what is not there, and where to go instead. */
export function messagePage(title: string, content: SafeHtml): string {
  return page({ title: `${title} · 网格通`, css: CSS, body: html`${brandBar()}<main class="wrap"><section class="panel"><h1>${title}</h1>${content}</section></main>` });
}

export function gridNotFoundPage(code: string): string {
  return messagePage(
    '没有这个网格',
    html`<p>没有编码为 <b>${code}</b> 的网格。请核对公示牌或联系卡上的网格编码（14 至 18 位数字）。</p><p>如需反映问题，请拨打 <a class="tel" href="tel:12345">12345</a> 政务服务便民热线。</p>`,
  );
}

/** A retired grid: said plainly, with the grid that now serves the place and the phones to call. */
export function retiredPage(r: RetiredNotice): string {
  return messagePage(
    '该网格已撤销',
    html`<p><b>${r.name}</b>（网格编码 ${r.code}）已于 ${r.retiredOn} 撤销，本页面和原公示牌上的信息不再有效。</p>
<p class="small muted">${placeLine(r)}</p>
${r.successor ? html`<p>该区域现属网格：<a href="/g/${r.successor.code}">${r.successor.name}（${r.successor.code}）</a>，请查看其公示信息。</p>` : html`<p>请联系所在社区（村）了解现在负责该区域的网格。</p>`}
${hotlineLines(r)}`,
  );
}

export function workIdNotFoundPage(): string {
  return messagePage(
    '查无此证',
    html`<p>没有查到这张网格员工作证。二维码可能已损坏，或证件不是黑河市网格化管理服务机构发放的。</p><p>如对来访人员身份有疑问，请拨打 <a class="tel" href="tel:12345">12345</a> 政务服务便民热线或当地社区（村）网格化管理服务站核实。</p>`,
  );
}
