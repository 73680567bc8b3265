import { html, type SafeHtml } from './escape';
import { brandBar, page } from './layout';
import { cst, FORM_CSS, numberText } from './public-form';

/** What the tracking page shows: the matters service's public tracking view (nothing internal in it). */
export interface TrackingView {
  number: string;
  typeName: string;
  place: string;
  createdAt: string;
  stateText: string;
  progress: { at: string; text: string }[];
  rating: string | null;
  mayRate: boolean;
  /** Whether 不满意 still reopens it (once per matter). */
  mayReopen?: boolean;
  gridCode?: string | null;
}

export interface RatingForm {
  values: { rating?: string; reason?: string };
  errors: { rating?: string; reason?: string; form?: string };
}

const ratingLabels: Record<string, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

const CSS = `${FORM_CSS}
.state{font-size:1.15rem;font-weight:600;background:#e8f1fb;border-left:4px solid #0b5cad;padding:.7rem .9rem;border-radius:6px;margin:.8rem 0}
ol.steps{list-style:none;margin:0;padding:0}
ol.steps li{position:relative;padding:.1rem 0 .9rem 1.3rem;border-left:2px solid #d5dbe2;margin-left:.4rem}
ol.steps li:last-child{border-left-color:transparent}
ol.steps li::before{content:"";position:absolute;left:-.45rem;top:.35rem;width:.7rem;height:.7rem;border-radius:50%;background:#0b5cad}
ol.steps .t{display:block;font-size:.8rem;color:#5f6b7a}
`;

function ratingForm(code: string, t: TrackingView, f: RatingForm): SafeHtml {
  const chosen = f.values.rating ?? '';
  const choice = (value: string) =>
    html`<label class="choice"><input type="radio" name="rating" value="${value}"${value === chosen ? html` checked` : ''} required> ${ratingLabels[value]}</label>`;
  return html`<section class="panel" id="rate">
  <h2>评价办理结果</h2>
  ${f.errors.form ? html`<div class="alert" role="alert">${f.errors.form}</div>` : ''}
  <form method="post" action="/t/${code}">
    <fieldset style="border:0;margin:0;padding:0">
      <legend class="muted small">您对这次办理满意吗？</legend>
      ${choice('satisfied')}${choice('basically')}${choice('unsatisfied')}
    </fieldset>
    ${f.errors.rating ? html`<p class="err" role="alert">${f.errors.rating}</p>` : ''}
    <label class="f" for="reason">不满意的原因 <span class="opt">（选「不满意」时必填）</span></label>
    <textarea id="reason" name="reason" maxlength="500"${f.errors.reason ? html` class="bad" aria-describedby="reason-err"` : ''}>${f.values.reason ?? ''}</textarea>
    ${f.errors.reason ? html`<p class="err" id="reason-err" role="alert">${f.errors.reason}</p>` : ''}
    <p class="hint">${t.mayReopen === false ? '本事项已按您的评价重新办理过一次，这次的评价会记录在案，不再重新办理。' : '选「不满意」并写明原因，事项将退回重新办理（每件事项只重新办理一次）。'}评价只能提交一次。</p>
    <button type="submit">提交评价</button>
  </form>
</section>`;
}

/**
 * /t/{code}: a resident's own matter by its tracking code: the type, the place (division names
 * only), when it was reported, its state and progress in plain words, and the rating when closed.
 */
export function trackingPage(code: string, t: TrackingView, opts: { rating?: RatingForm; notice?: string } = {}): string {
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">办理进度 · 查询码 ${code}</div>
  <h1>${t.typeName}</h1>
  ${opts.notice ? html`<div class="ok" role="status">${opts.notice}</div>` : ''}
  <div class="state" id="state">${t.stateText}</div>
  <div class="kv"><span class="k">事项编号</span><span class="v">${numberText(t.number)}</span></div>
  <div class="kv"><span class="k">地点</span><span class="v">${t.place}</span></div>
  <div class="kv"><span class="k">反映时间</span><span class="v">${cst(t.createdAt)}</span></div>
  ${t.rating ? html`<div class="kv"><span class="k">您的评价</span><span class="v">${ratingLabels[t.rating] ?? t.rating}</span></div>` : ''}
</section>
<section class="panel">
  <h2>办理过程</h2>
  <ol class="steps">${t.progress.map((p) => html`<li><span class="t">${cst(p.at)}</span>${p.text}</li>`)}</ol>
</section>
${t.mayRate ? ratingForm(code, t, opts.rating ?? { values: {}, errors: {} }) : ''}
<section class="panel links small">
  ${t.gridCode ? html`<a href="/g/${t.gridCode}">查看所在网格的公示（网格员和电话）</a><a href="/r/${t.gridCode}">反映新的问题</a>` : html`<a href="/report">反映新的问题</a>`}
  <a href="/t">查询其他事项</a>
</section>
</main>`;
  return page({ title: `办理进度 · ${t.typeName}`, body, css: CSS, noindex: true });
}

/** /t, and an unknown code: a form to type the code in. */
export function trackingLookupPage(opts: { code?: string; notFound?: boolean; message?: string } = {}): string {
  const msg = opts.message ?? (opts.notFound ? '没有查到这个查询码。请核对后重新输入（查询码为 12 位字母或数字，不区分大小写）。' : '');
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <h1>${opts.notFound ? '查无此件' : '查询办理进度'}</h1>
  ${msg ? html`<div class="alert" role="alert">${msg}</div>` : ''}
  <form method="get" action="/t">
    <label class="f" for="code">查询码</label>
    <input type="text" id="code" name="code" maxlength="20" autocapitalize="characters" autocomplete="off" spellcheck="false" value="${opts.code ?? ''}" placeholder="提交问题后页面上显示的 12 位查询码">
    <button type="submit">查询</button>
  </form>
  <p class="hint">查询码在您网上反映问题提交成功后显示。电话反映的，请向受理人员询问办理情况，或拨打 <a class="tel" href="tel:12345">12345</a> 政务服务便民热线。</p>
</section>
<section class="panel links small"><a href="/report">反映新的问题</a></section>
</main>`;
  return page({ title: opts.notFound ? '查无此件 · 网格通' : '查询办理进度 · 网格通', body, css: FORM_CSS, noindex: true });
}
