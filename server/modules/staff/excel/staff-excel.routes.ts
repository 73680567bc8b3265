import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../common/app-error';
import { IdSchema } from '../../../../common/schemas/common';
import { AssessmentListQuerySchema, StaffListQuerySchema } from '../../../../common/schemas/staff';
import { attachment, XLSX_TYPE } from '../../../lib/excel';
import { requireActor } from '../../access/access.policy';
import { MAX_FILE_BYTES } from './staff-columns';
import type { StaffExportService } from './staff-export.service';
import type { StaffImportService } from './staff-import.service';

const MB = 1024 * 1024;
const tooLarge = () => new AppError('payload_too_large', `文件超过 ${MAX_FILE_BYTES / MB} MB 的上限，未导入任何数据：请删除多余的工作表或分成几个文件上传`);

/** A file name fit to show: its last path part, no control characters, not endless. */
function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e]/g, '').trim();
  return base.slice(-100) || '未命名.xlsx';
}

function sendXlsx(reply: FastifyReply, file: { data: Buffer; fileName: string }) {
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(file.fileName)).header('cache-control', 'no-store').send(file.data);
}

/**
 * Staff spreadsheets: the import template, uploads (multipart, at most 20 MB, registered for these
 * routes only), the import job's progress and commit, and the exports of the staff and assessment
 * lists with the same filters as the lists.
 */
export async function staffExcelRoutes(app: FastifyInstance, s: { imports: StaffImportService; exports: StaffExportService }): Promise<void> {
  const tags = ['网格人员导入导出'];
  const r = app.withTypeProvider<ZodTypeProvider>();
  const id = z.object({ id: IdSchema });

  r.get('/api/staff/import/template.xlsx', { schema: { tags, summary: '下载网格人员导入模板（.xlsx，含填写说明和代码表）' } }, async (req, reply) => sendXlsx(reply, await s.imports.template(requireActor(req.actor))));
  r.get('/api/staff/imports/:id', { schema: { tags, summary: '导入进度与逐行检查报告', params: id } }, async (req) => s.imports.get(requireActor(req.actor), req.params.id));
  r.post('/api/staff/imports/:id/commit', { schema: { tags, summary: '确认导入（检查全部通过后；全部成功或全部不写入）', params: id } }, async (req, reply) =>
    reply.status(202).send(await s.imports.commit(requireActor(req.actor), req.params.id)),
  );
  r.get('/api/staff/export.xlsx', { schema: { tags, summary: '导出网格人员名单（筛选条件同列表，个人信息脱敏）', querystring: StaffListQuerySchema.omit({ limit: true, offset: true }) } }, async (req, reply) =>
    sendXlsx(reply, await s.exports.staffXlsx(requireActor(req.actor), req.query)),
  );
  r.get('/api/assessments/export.xlsx', { schema: { tags, summary: '导出考核记录（筛选条件同考核列表）', querystring: AssessmentListQuerySchema.omit({ limit: true }) } }, async (req, reply) =>
    sendXlsx(reply, await s.exports.assessmentsXlsx(requireActor(req.actor), req.query)),
  );

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 }, throwFileSizeLimit: true });
    scope.post(
      '/api/staff/imports',
      { config: { contentTypes: ['multipart/form-data'] }, schema: { tags, summary: '上传 .xlsx 并逐行检查（不写入人员数据）；返回导入任务，轮询其进度', consumes: ['multipart/form-data'] } },
      async (req, reply) => {
        const actor = requireActor(req.actor);
        s.imports.mayImport(actor);
        // Refused before reading when the declared size is already too big.
        if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES + MB) throw tooLarge();
        if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传 Excel 文件（字段名 file）');
        let part;
        try {
          part = await req.file();
        } catch (e) {
          throw new AppError('bad_request', `上传的内容无法读取：${(e as Error).message}`);
        }
        if (!part) throw new AppError('bad_request', '请选择要上传的 Excel（.xlsx）文件');
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
          throw new AppError('bad_request', '上传中断，文件没有完整收到，请重新上传');
        }
        return reply.status(202).send(await s.imports.start(actor, { name: cleanFileName(part.filename), data }));
      },
    );
  });
}
