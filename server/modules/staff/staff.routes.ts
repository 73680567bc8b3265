import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DivisionCodeSchema, GridCodeSchema, IdSchema } from '../../../common/schemas/common';
import {
  AdjustSchema,
  AppointSchema,
  AssessmentInputSchema,
  AssessmentListQuerySchema,
  AttendanceInputSchema,
  CourseInputSchema,
  ExitSchema,
  LeaveInputSchema,
  OnDateQuerySchema,
  ReasonSchema,
  StaffingSettingsSchema,
  StaffListQuerySchema,
  StaffRecordsSchema,
  UnmaskSchema,
} from '../../../common/schemas/staff';
import { qrSvg } from '../../lib/qr';
import { requireActor } from '../access/access.policy';
import type { AssessmentService } from './assessments.service';
import type { CertificationService } from './certification.service';
import type { StaffService } from './staff.service';
import type { StaffingService } from './staffing.service';

export interface StaffServices {
  /** The address the public reaches the platform at, for links printed in QR codes. */
  publicOrigin(req: FastifyRequest): string;
  staff: StaffService;
  staffing: StaffingService;
  certification: CertificationService;
  assessments: AssessmentService;
}

export function staffRoutes(app: FastifyInstance, s: StaffServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['网格人员'];
  const id = z.object({ id: IdSchema });

  r.get('/api/staff', { schema: { tags, summary: '网格长、网格员列表（个人信息脱敏）', querystring: StaffListQuerySchema } }, async (req) => s.staff.list(requireActor(req.actor), req.query));
  r.post('/api/staff/appointments', { schema: { tags, summary: '任职：登记新人员或选择已登记人员，任职于一个或多个网格', body: AppointSchema } }, async (req, reply) =>
    reply.status(201).send(await s.staff.appoint(requireActor(req.actor), req.body)),
  );
  r.get('/api/staff/:id', { schema: { tags, summary: '人员详情与任职历史（个人信息脱敏）', params: id } }, async (req) => s.staff.detail(requireActor(req.actor), req.params.id));
  r.post('/api/staff/:id/unmask', { schema: { tags, summary: '查看完整个人信息（仅管理该人员的街道中心，须填写原因，留痕）', params: id, body: UnmaskSchema } }, async (req) => ({
    values: await s.staff.unmask(requireActor(req.actor), req.params.id, req.body.fields, req.body.reason),
  }));
  r.post('/api/staff/:id/adjustments', { schema: { tags, summary: '调整：增加或减少任职网格、变更类型', params: id, body: AdjustSchema } }, async (req) =>
    s.staff.adjust(requireActor(req.actor), req.params.id, req.body),
  );
  r.post('/api/staff/:id/exit', { schema: { tags, summary: '退出：结束全部任职', params: id, body: ExitSchema } }, async (req) => s.staff.exit(requireActor(req.actor), req.params.id, req.body));
  r.post('/api/staff/:id/records', { schema: { tags, summary: '登记联系方式、聘用合同、社会保险与意外伤害保险（第二十八条）', params: id, body: StaffRecordsSchema } }, async (req, reply) => {
    await s.staff.updateRecords(requireActor(req.actor), req.params.id, req.body);
    return reply.status(204).send();
  });
  r.post('/api/staff/:id/leave', { schema: { tags, summary: '登记带薪休假（第二十八条）', params: id, body: LeaveInputSchema } }, async (req, reply) =>
    reply.status(201).send(await s.staff.addLeave(requireActor(req.actor), req.params.id, req.body)),
  );
  r.post('/api/staff/:id/account', { schema: { tags, summary: '关联平台账号（网格员、网格长）', params: id, body: z.object({ username: z.string().min(2).max(64) }) } }, async (req, reply) => {
    await s.staff.linkAccount(requireActor(req.actor), req.params.id, req.body.username);
    return reply.status(204).send();
  });
  r.get('/api/staff/:id/grids', { schema: { tags, summary: '某人某日任职的网格', params: id, querystring: OnDateQuerySchema } }, async (req) =>
    s.staff.gridsOf(requireActor(req.actor), req.params.id, req.query.on),
  );
  r.get('/api/grids/:code/staff', { schema: { tags, summary: '某网格某日的网格长与网格员', params: z.object({ code: GridCodeSchema }), querystring: OnDateQuerySchema } }, async (req) =>
    s.staff.servingGrid(requireActor(req.actor), req.params.code, req.query.on),
  );

  r.get('/api/staffing/gaps', { schema: { tags, summary: '配备缺口：无网格长、无专职网格员、专属网格无专属网格员、超负荷、员额空缺', querystring: z.object({ within: DivisionCodeSchema.optional() }) } }, async (req) =>
    s.staffing.gaps(requireActor(req.actor), req.query.within),
  );
  const county = z.object({ county: DivisionCodeSchema });
  r.get('/api/staffing/settings/:county', { schema: { tags, summary: '本县配备规则（第十三条）', params: county } }, async (req) => s.staffing.settings(requireActor(req.actor), req.params.county));
  r.put('/api/staffing/settings/:county', { schema: { tags, summary: '设置本县配备规则', params: county, body: StaffingSettingsSchema } }, async (req) =>
    s.staffing.saveSettings(requireActor(req.actor), req.params.county, req.body),
  );

  const ttags = ['培训与持证上岗'];
  r.get('/api/training/courses', { schema: { tags: ttags, summary: '培训班', querystring: z.object({ within: DivisionCodeSchema.optional() }) } }, async (req) =>
    s.certification.courses(requireActor(req.actor), req.query.within),
  );
  r.post('/api/training/courses', { schema: { tags: ttags, summary: '开设培训班（街道中心）', body: CourseInputSchema } }, async (req, reply) =>
    reply.status(201).send(await s.certification.createCourse(requireActor(req.actor), req.body)),
  );
  r.get('/api/training/courses/:id', { schema: { tags: ttags, summary: '培训班与学员', params: id } }, async (req) => s.certification.course(requireActor(req.actor), req.params.id));
  r.post('/api/training/courses/:id/attendance', { schema: { tags: ttags, summary: '登记参训与考核结果；岗前培训合格即发上岗证', params: id, body: AttendanceInputSchema } }, async (req) =>
    s.certification.recordAttendance(requireActor(req.actor), req.params.id, req.body.records),
  );
  for (const action of ['suspend', 'reinstate', 'revoke'] as const) {
    const label = { suspend: '暂停', reinstate: '恢复', revoke: '吊销' }[action];
    r.post(`/api/certificates/:id/${action}`, { schema: { tags: ttags, summary: `${label}上岗证`, params: id, body: ReasonSchema } }, async (req, reply) => {
      await s.certification[action](requireActor(req.actor), req.params.id, req.body.reason);
      return reply.status(204).send();
    });
  }
  r.get('/api/staff/:id/certification', { schema: { tags: ttags, summary: '培训、上岗证、工作证与承办事项资格', params: id } }, async (req) =>
    s.certification.recordOf(requireActor(req.actor), req.params.id),
  );
  r.post('/api/staff/:id/work-ids', { schema: { tags: ttags, summary: '发放工作证（县级中心，第二十七条）', params: id } }, async (req, reply) =>
    reply.status(201).send(await s.certification.issueWorkId(requireActor(req.actor), req.params.id)),
  );
  r.get('/api/me/work-id', { schema: { tags: ttags, summary: '我的工作证（网格员本人，可出示二维码供核验）' } }, async (req) => {
    const w = await s.certification.ownWorkId(requireActor(req.actor));
    const verifyUrl = `${s.publicOrigin(req)}/v/${w.ref}`;
    return { ...w, verifyUrl, qrSvg: await qrSvg(verifyUrl) };
  });
  r.get('/api/me/staff', { schema: { tags, summary: '我的网格人员档案与当前任职网格（网格员本人）' } }, async (req) => s.staff.own(requireActor(req.actor)));
  r.post('/api/work-ids/:id/revoke', { schema: { tags: ttags, summary: '注销工作证', params: id, body: ReasonSchema } }, async (req, reply) => {
    await s.certification.revokeWorkId(requireActor(req.actor), req.params.id, req.body.reason);
    return reply.status(204).send();
  });

  const atags = ['考核'];
  r.get('/api/assessments', { schema: { tags: atags, summary: '日常考核与年度考核', querystring: AssessmentListQuerySchema } }, async (req) => s.assessments.list(requireActor(req.actor), req.query));
  r.post('/api/assessments', { schema: { tags: atags, summary: '登记考核（日常：社区（村）站；年度：街道中心）', body: AssessmentInputSchema } }, async (req, reply) =>
    reply.status(201).send(await s.assessments.record(requireActor(req.actor), req.body)),
  );
}
