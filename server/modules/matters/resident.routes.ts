import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../common/app-error';
import { textProblem } from '../../../common/domain/text';
import { RatingSchema, ResidentReportSchema } from '../../../common/schemas/matters';
import { statusOf } from '../../http/error-handler';
import { PHOTO_LIMITS, sniffPhoto } from '../../lib/photos';
import { html } from '../../views/escape';
import { gridNotFoundPage, messagePage, retiredPage } from '../../views/messages';
import { directoryPage } from '../../views/report-directory';
import { placeLine } from '../../views/notice-parts';
import { MAX_REPORT_PHOTOS, reportDonePage, reportFormPage, type ReportField, type ReportFormView } from '../../views/resident-report';
import { trackingLookupPage, trackingPage, type RatingForm } from '../../views/tracking-page';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { NoticeService } from '../notices/notices.service';
import type { MattersService } from './matters.service';
import { residentTypes } from './resident-types';

const MINUTE = 60_000;
const GRID_CODE = /^\d{14,18}$/;
const TRACKING_CODE = /^[A-Za-z0-9]{12}$/;
const MB = 1024 * 1024;
/** Reading a page: as the notices. Reporting: a few in a row from one address (a family, a building behind one NAT), not a flood. */
const READ = { public: true, rateLimit: { max: 120, windowMs: MINUTE } } as const;
const REPORT = { public: true, rateLimit: { max: 10, windowMs: 10 * MINUTE } } as const;
const RATE = { public: true, rateLimit: { max: 10, windowMs: MINUTE } } as const;

function sendPage(reply: FastifyReply, status: number, body: string) {
  // The form pages post to themselves: keep the Origin on same-site posts (the CSRF check reads it), send no referrer elsewhere.
  return reply.status(status).header('cache-control', 'no-store').header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(body);
}

/** Errors on these pages as pages, in Chinese: too many reports, a form from another site, a body that is not the form. */
function pageErrors(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const status = statusOf[error.code];
    if (status === 429) {
      return sendPage(reply, 429, messagePage('提交过于频繁', html`<p>${error.message}。</p><p>为防止恶意刷单，同一网络短时间内只能提交有限次数。急事请拨打 <a class="tel" href="tel:12345">12345</a> 政务服务便民热线，紧急情况请拨打 110、119、120。</p>`));
    }
    const title = status === 403 ? '无法提交' : status === 404 ? '没有这个页面' : '提交有误';
    return sendPage(reply, status, messagePage(title, html`<p>${error.message}</p><p><a href="/t">查询办理进度</a></p>`));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const message = status === 413 ? '提交的内容过大。' : status === 415 ? '请通过本平台页面上的表单提交。' : '提交的内容无法识别，请回到表单重新提交。';
    return sendPage(reply, status, messagePage('提交有误', html`<p>${message}</p>`));
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendPage(reply, 500, messagePage('服务器内部错误', html`<p>请稍后重试，或拨打 12345 政务服务便民热线反映问题。</p>`));
}

type Fields = ReportFormView['values'];
const TEXT_FIELDS = ['typeCode', 'description', 'address', 'phone', 'formKey'] as const;
/** One key per form shown: a form sent twice (a double tap, a resend after a timeout) makes one matter. */
const FORM_KEY = /^[A-Za-z0-9]{24}$/;
const newFormKey = () => randomBytes(18).toString('base64url').replace(/[-_]/g, '0');

/** The report form as posted: its text fields, its photos, and the first thing wrong with the post itself. */
async function readReportForm(req: FastifyRequest): Promise<{ values: Fields; photos: Buffer[]; errors: Partial<Record<ReportField, string>>; status: number }> {
  const values: Fields = {};
  const photos: Buffer[] = [];
  const errors: Partial<Record<ReportField, string>> = {};
  let status = 400;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            errors.photos ??= `照片超过 ${PHOTO_LIMITS.maxBytes / MB} MB 的上限，请换一张或压缩后上传`;
            status = 413;
            continue;
          }
          throw e;
        }
        // An empty file input still sends a part, with no name and no bytes.
        if (data.length === 0 && !part.filename) continue;
        if (part.fieldname !== 'photo') errors.form ??= '表单内容有误，请刷新页面后重新填写';
        else photos.push(data);
        continue;
      }
      const name = part.fieldname as (typeof TEXT_FIELDS)[number];
      if (!TEXT_FIELDS.includes(name) || values[name] !== undefined) continue;
      const value = typeof part.value === 'string' ? part.value : '';
      if (part.valueTruncated) errors[name === 'formKey' ? 'form' : name] ??= '内容过长，请删减后再提交';
      values[name] = value;
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') errors.photos ??= `最多上传 ${MAX_REPORT_PHOTOS} 张照片`;
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') errors.form ??= '表单内容有误，请刷新页面后重新填写';
    else errors.form ??= '提交中断，内容没有完整收到，请重新提交';
  }
  if (photos.length > MAX_REPORT_PHOTOS) errors.photos ??= `最多上传 ${MAX_REPORT_PHOTOS} 张照片`;
  return { values, photos, errors, status };
}

/**
 * The resident's pages, without login or script: the report form a grid's QR code opens
 * (/r/{gridCode}), its answer with the tracking code, and the tracking page with the rating
 * (/t/{code}). Everything goes through the matters service; the grid and its place come from the
 * notices (the same grid a resident sees on the board).
 */
export async function residentRoutes(app: FastifyInstance, deps: { matters: MattersService; catalogue: CatalogueService; notices: NoticeService }): Promise<void> {
  const { matters, catalogue, notices } = deps;
  const opts = { schema: { hide: true }, errorHandler: pageErrors };

  /** The active grid with the report form's type list, or the page that stands in for it. */
  async function gridForm(code: string): Promise<{ view: Omit<ReportFormView, 'values' | 'errors'>; codes: Set<string> } | { status: number; page: string }> {
    if (!GRID_CODE.test(code)) return { status: 404, page: gridNotFoundPage(code) };
    const found = await notices.notice(code);
    if (found.state === 'unknown') return { status: 404, page: gridNotFoundPage(code) };
    if (found.state === 'retired') return { status: 410, page: retiredPage(found.notice) };
    const n = found.notice;
    const types = residentTypes(n.county ? await catalogue.publishedTypes(n.county.code) : []);
    return { view: { grid: { code: n.code, name: n.name, place: placeLine(n) }, phones: { hotline: n.hotline, station: n.station }, types }, codes: types.codes };
  }

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: PHOTO_LIMITS.maxBytes, files: MAX_REPORT_PHOTOS, fields: 8, parts: 12, fieldSize: 16 * 1024 },
      throwFileSizeLimit: true,
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get<{ Params: { code: string } }>('/r/:code', { ...opts, config: READ }, async (req, reply) => {
      const g = await gridForm(req.params.code);
      if ('page' in g) return sendPage(reply, g.status, g.page);
      return sendPage(reply, 200, reportFormPage({ ...g.view, values: { formKey: newFormKey() }, errors: {} }));
    });

    scope.post<{ Params: { code: string } }>('/r/:code', { ...opts, config: REPORT }, async (req, reply) => {
      const g = await gridForm(req.params.code);
      if ('page' in g) return sendPage(reply, g.status, g.page);
      const again = (status: number, values: Fields, errors: Partial<Record<ReportField, string>>) => sendPage(reply, status, reportFormPage({ ...g.view, values, errors }));
      if (!req.isMultipart()) return again(415, {}, { form: '请通过本页的表单提交' });
      if (Number(req.headers['content-length'] ?? 0) > MAX_REPORT_PHOTOS * PHOTO_LIMITS.maxBytes + MB) {
        return again(413, {}, { photos: `照片总大小超过上限（每张不超过 ${PHOTO_LIMITS.maxBytes / MB} MB，最多 ${MAX_REPORT_PHOTOS} 张）` });
      }
      const form = await readReportForm(req);
      const { values, photos, errors } = form;
      for (const f of TEXT_FIELDS) {
        const p = values[f] !== undefined ? textProblem(values[f]) : null;
        if (p) errors[f === 'formKey' ? 'form' : f] ??= `${p}，请删除后重试`;
      }
      // Shown again as typed, minus what could not be stored anyway.
      const shown: Fields = Object.fromEntries(TEXT_FIELDS.filter((f) => values[f] !== undefined && !textProblem(values[f]!)).map((f) => [f, values[f]]));
      if (!shown.formKey || !FORM_KEY.test(shown.formKey)) shown.formKey = newFormKey();
      if (!values.typeCode) errors.typeCode ??= '请选择问题类型';
      else if (!g.codes.has(values.typeCode)) errors.typeCode ??= '请从列表中选择问题类型';
      const parsed = ResidentReportSchema.safeParse({
        typeCode: values.typeCode && /^\d{6}$/.test(values.typeCode) ? values.typeCode : '000000',
        description: values.description ?? '',
        phone: values.phone?.trim() ? values.phone : undefined,
        address: values.address?.trim() ? values.address : undefined,
        photoKeys: [],
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const f = issue.path[0] as ReportField;
          if (f === 'description' || f === 'phone' || f === 'address') errors[f] ??= issue.message;
        }
      }
      // Refused by their first bytes before anything is stored (the photo service decodes them fully when storing).
      if (!errors.photos) {
        for (const [i, p] of photos.entries()) {
          try {
            sniffPhoto(p);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.photos = photos.length > 1 ? `第 ${i + 1} 张：${e.message}` : e.message;
            break;
          }
        }
      }
      if (errors.photos && photos.length) errors.photos += '。请重新选择照片';
      if (Object.keys(errors).length || !parsed.success) return again(form.status, shown, errors);

      const photoKeys: string[] = [];
      for (const [i, p] of photos.entries()) {
        try {
          photoKeys.push((await matters.uploadPhoto({ user: null, address: req.ip }, p)).id);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          return again(statusOf[e.code], shown, { photos: `${photos.length > 1 ? `第 ${i + 1} 张：` : ''}${e.message}。请重新选择照片` });
        }
      }
      const input = parsed.data;
      try {
        const clientKey = values.formKey && FORM_KEY.test(values.formKey) ? `r-${values.formKey}` : undefined;
        const r = await matters.residentReport(req.ip, { typeCode: input.typeCode, description: input.description, phone: input.phone, address: input.address, photoKeys, clientKey }, g.view.grid.code);
        return sendPage(reply, r.created ? 201 : 200, reportDonePage({ ...r, grid: g.view.grid, at: new Date(), photos: photoKeys.length }));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return again(statusOf[e.code], shown, { form: e.message });
      }
    });

    scope.get<{ Querystring: { area?: string } }>('/report', { ...opts, config: READ }, async (req, reply) => {
      const area = req.query.area;
      const d = area === undefined || /^\d{12}$/.test(area) ? await notices.directory(area ?? null) : null;
      if (!d) return sendPage(reply, 404, messagePage('没有这个地区', html`<p>没有查到这个区划。<a href="/report">从县（市、区）重新选择</a></p>`));
      return sendPage(reply, 200, directoryPage(d));
    });

    scope.get<{ Querystring: { code?: string } }>('/t', { ...opts, config: READ }, async (req, reply) => {
      const raw = req.query.code;
      if (raw === undefined) return sendPage(reply, 200, trackingLookupPage());
      const code = raw.replace(/[\s-]/g, '');
      if (!code) return sendPage(reply, 400, trackingLookupPage({ message: '请输入查询码' }));
      if (!TRACKING_CODE.test(code)) return sendPage(reply, 400, trackingLookupPage({ code: raw, message: '查询码为 12 位字母或数字，请核对后重新输入' }));
      return reply.redirect(`/t/${code.toUpperCase()}`, 303);
    });

    scope.get<{ Params: { code: string } }>('/t/:code', { ...opts, config: READ }, async (req, reply) => {
      const code = req.params.code.toUpperCase();
      const t = TRACKING_CODE.test(code) ? await matters.tracking(code) : null;
      if (!t) return sendPage(reply, 404, trackingLookupPage({ code: req.params.code, notFound: true }));
      return sendPage(reply, 200, trackingPage(code, t));
    });

    scope.post<{ Params: { code: string }; Body: Record<string, string> | undefined }>('/t/:code', { ...opts, config: RATE }, async (req, reply) => {
      const code = req.params.code.toUpperCase();
      const t = TRACKING_CODE.test(code) ? await matters.tracking(code) : null;
      if (!t) return sendPage(reply, 404, trackingLookupPage({ code: req.params.code, notFound: true }));
      const body = req.body && typeof req.body === 'object' ? req.body : {};
      const values = { rating: typeof body.rating === 'string' ? body.rating : undefined, reason: typeof body.reason === 'string' ? body.reason : undefined };
      const form = (status: number, errors: RatingForm['errors']) => sendPage(reply, status, trackingPage(code, t, { rating: { values, errors } }));
      if (!t.mayRate) return sendPage(reply, 409, trackingPage(code, t, { notice: t.rating ? '您已评价过本次办理结果。' : '事项办结后才能评价。' }));
      const parsed = RatingSchema.safeParse({ rating: values.rating, reason: values.reason?.trim() ? values.reason : undefined });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return form(400, issue.path[0] === 'reason' ? { reason: issue.message } : { rating: '请选择满意、基本满意或不满意' });
      }
      if (parsed.data.rating === 'unsatisfied' && (parsed.data.reason?.length ?? 0) < 2) return form(400, { reason: '选择「不满意」时，请写明不满意的原因' });
      try {
        const after = await matters.rate(code, parsed.data);
        const reopened = after!.state !== 'closed';
        return sendPage(reply, 200, trackingPage(code, after!, { notice: reopened ? '感谢您的评价。事项已退回重新办理，办理进度会在本页更新。' : '感谢您的评价。' }));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return form(statusOf[e.code], { form: e.message });
      }
    });
  });
}
