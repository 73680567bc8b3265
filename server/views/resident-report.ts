import type { ResidentTypes } from '../modules/matters/resident-types';
import type { Phone } from '../modules/notices/notices.presenter';
import { html, type SafeHtml } from './escape';
import { brandBar, page } from './layout';
import { hotlineLines } from './notice-parts';
import { cst, FORM_CSS, numberText } from './public-form';

export const MAX_REPORT_PHOTOS = 3;

export type ReportField = 'typeCode' | 'description' | 'address' | 'phone' | 'photos' | 'form';

export interface ReportFormView {
  grid: { code: string; name: string; place: string };
  /** The numbers to call instead: the county centre's hotline and the community station's duty phone. */
  phones: { hotline: Phone | null; station: Phone | null };
  types: Pick<ResidentTypes, 'groups' | 'other'>;
  /** What the resident typed, shown again after a refusal. */
  values: { typeCode?: string; description?: string; address?: string; phone?: string; formKey?: string };
  errors: Partial<Record<ReportField, string>>;
}

const CSS = `${FORM_CSS}
.line{padding:.3rem 0}.line .k{display:inline-block;min-width:8.5em;color:#444}.line .tel{font-weight:600}.line .who{display:block;font-size:.8rem;color:#5f6b7a}
.grid{font-size:.85rem;color:#5f6b7a}
.photos input+input{margin-top:.2rem}
`;

function fieldError(errors: ReportFormView['errors'], f: ReportField, id: string): SafeHtml | '' {
  return errors[f] ? html`<p class="err" id="${id}-err" role="alert">${errors[f]}</p>` : '';
}

function typeSelect(v: ReportFormView): SafeHtml {
  const chosen = v.values.typeCode ?? '';
  const opt = (code: string, name: string) => html`<option value="${code}"${code === chosen ? html` selected` : ''}>${name}</option>`;
  return html`<select id="typeCode" name="typeCode" required${v.errors.typeCode ? html` class="bad" aria-describedby="typeCode-err"` : ''}>
<option value=""${chosen ? '' : html` selected`}>请选择问题类型</option>
${v.types.groups.map((g) => html`<optgroup label="${g.name}">${g.types.map((t) => opt(t.code, t.name))}</optgroup>`)}
${v.types.other ? opt(v.types.other, '其他问题') : ''}
</select>`;
}

/**
 * The report form a grid's QR code opens (/r/{code}): no login, no script, one multipart POST to
 * the same address. After a refusal it comes back with the message beside the field and what was
 * typed kept (a browser never keeps chosen files, so the photo field says to choose them again).
 */
export function reportFormPage(v: ReportFormView): string {
  const { grid, values, errors } = v;
  const bad = (f: ReportField) => (errors[f] ? html` class="bad" aria-describedby="${f}-err"` : '');
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="muted small">向网格反映问题</div>
  <h1>${grid.name}</h1>
  <div class="grid">${grid.place} · 网格编码 ${grid.code}</div>
</section>
<section class="panel" id="report">
${errors.form ? html`<div class="alert" role="alert">${errors.form}</div>` : Object.keys(errors).length ? html`<div class="alert" role="alert">提交没有成功，请按红字提示修改后再提交。</div>` : ''}
<form method="post" action="/r/${grid.code}" enctype="multipart/form-data">
  <input type="hidden" name="formKey" value="${values.formKey ?? ''}">
  <label class="f" for="typeCode">问题类型</label>
  ${typeSelect(v)}
  ${fieldError(errors, 'typeCode', 'typeCode')}

  <label class="f" for="description">问题描述</label>
  <textarea id="description" name="description" maxlength="1000" required placeholder="请写清是什么问题、从什么时候开始、影响到什么"${bad('description')}>${values.description ?? ''}</textarea>
  ${fieldError(errors, 'description', 'description')}

  <label class="f" for="address">位置/地址 <span class="opt">（选填，写得越具体越快找到）</span></label>
  <input type="text" id="address" name="address" maxlength="200" value="${values.address ?? ''}" placeholder="如：某小区 3 号楼 2 单元门前"${bad('address')}>
  ${fieldError(errors, 'address', 'address')}

  <label class="f" for="photo1">照片 <span class="opt">（选填，最多 ${MAX_REPORT_PHOTOS} 张，每张不超过 15 MB）</span></label>
  <div class="photos">
    <input type="file" id="photo1" name="photo" accept="image/*" capture="environment"${bad('photos')}>
    <input type="file" name="photo" accept="image/*" capture="environment" aria-label="第 2 张照片">
    <input type="file" name="photo" accept="image/*" capture="environment" aria-label="第 3 张照片">
  </div>
  ${fieldError(errors, 'photos', 'photos')}
  <p class="hint">照片上传后会重新处理，去掉拍摄位置、时间和手机型号等信息。</p>

  <label class="f" for="phone">联系电话 <span class="opt">（选填）</span></label>
  <input type="tel" id="phone" name="phone" inputmode="tel" maxlength="20" autocomplete="tel" value="${values.phone ?? ''}" placeholder="11 位手机号"${bad('phone')}>
  ${fieldError(errors, 'phone', 'phone')}
  <p class="hint">留下电话，办理人员可以向您了解情况、告知结果。工作人员看到的号码中间几位是隐去的，只有需要回访您的承办人员才能查看完整号码，每次查看都有记录。不留电话就是匿名反映，凭查询码查看进度。</p>

  <button type="submit">提交</button>
</form>
<p class="hint">紧急情况（火灾、治安、伤病）请直接拨打 119、110、120。</p>
</section>
<section class="panel small">
  <h2>也可以打电话反映</h2>
  ${hotlineLines(v.phones)}
</section>
<section class="panel links small">
  <a href="/g/${grid.code}">查看本网格公示（网格长、网格员和电话）</a>
  <a href="/t">已反映过？输入查询码查看办理进度</a>
</section>
</main>`;
  return page({ title: `反映问题 · ${grid.name}`, body, css: CSS, noindex: true });
}

/** The answer to a report: the number and the tracking code, with the one place to use it. */
export function reportDonePage(r: { number: string; trackingCode: string; grid: { code: string; name: string }; at: Date; photos: number }): string {
  const body = html`${brandBar()}
<main class="wrap">
<section class="panel">
  <div class="ok" role="status"><b>已收到您反映的问题。</b>${r.grid.name}所在社区（村）网格化管理服务站将安排办理。</div>
  <div class="kv"><span class="k">事项编号</span><span class="v">${numberText(r.number)}</span></div>
  <div class="kv"><span class="k">提交时间</span><span class="v">${cst(r.at)}</span></div>
  <div class="kv"><span class="k">照片</span><span class="v">${r.photos ? `${r.photos} 张` : '无'}</span></div>
  <h2 style="margin-top:1rem">查询码</h2>
  <div class="code" id="tracking-code">${r.trackingCode}</div>
  <p class="hint"><b>请记下查询码或截图保存。</b>凭查询码可随时查看办理进度，办结后可以评价；本页关闭后查询码不会再次显示。</p>
  <a class="btn" href="/t/${r.trackingCode}">查看办理进度</a>
</section>
<section class="panel links small">
  <a href="/r/${r.grid.code}">再反映一个问题</a>
  <a href="/g/${r.grid.code}">查看本网格公示</a>
</section>
</main>`;
  return page({ title: '已收到您反映的问题 · 网格通', body, css: FORM_CSS, noindex: true });
}
