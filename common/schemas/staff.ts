import { z } from 'zod';
import { parseIdNumber } from '../domain/id-number';
import { phoneProblem } from '../domain/phone';
import { headBackgroundLabels, parttimeBackgroundLabels, staffRoleLabels } from '../domain/staff';
import { DivisionCodeSchema, GridCodeSchema, IdSchema, queryInt } from './common';
import { freeText, nameText } from './text';

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const roleList = Object.keys(staffRoleLabels).join('、');
export const StaffRoleSchema = z.enum(Object.keys(staffRoleLabels) as Keys<typeof staffRoleLabels>, { error: `人员类型必须是 ${roleList} 之一` });
export const BackgroundSchema = z.enum([...Object.keys(headBackgroundLabels), ...Object.keys(parttimeBackgroundLabels)] as [string, ...string[]], { error: '身份背景不正确' });

/** A calendar date, YYYY-MM-DD, from 1950 on (birth dates come from the ID number, not from here). */
export function dateText(label: string) {
  return z
    .string({ error: `${label}必须是日期` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1950-01-01' && s <= '2100-12-31';
    }, `${label}不是有效的日期`);
}

export const IdNumberSchema = z
  .string({ error: '请填写身份证号' })
  .transform((s, ctx) => {
    const r = parseIdNumber(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

export function phoneSchema(label = '联系电话', opts: { allowLandline?: boolean; allowService?: boolean } = {}) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .superRefine((s, ctx) => {
      const p = phoneProblem(s, opts);
      if (p) ctx.addIssue({ code: 'custom', message: `${label}：${p}` });
    });
}
export const OrgCodeSchema = z.string().regex(/^\d{12}-[a-z0-9]{1,12}$/, '单位编码格式应为 12 位区划代码-单位代号，如 231102000000-mz');

export const PersonInputSchema = z.object({
  name: nameText('姓名', 2, 20),
  idNumber: IdNumberSchema,
  phone: phoneSchema('手机号'),
  homeAddress: freeText('家庭住址', 0, 120).nullish(),
  employer: nameText('工作单位', 2, 80).nullish(),
  employerOrgCode: OrgCodeSchema.nullish(),
  /** The street (township) whose centre manages, trains and assesses the person (Art. 5). */
  townshipCode: DivisionCodeSchema,
  contractStart: dateText('聘用合同开始日期').nullish(),
  contractEnd: dateText('聘用合同结束日期').nullish(),
  socialInsuranceSince: dateText('社会保险参保日期').nullish(),
  accidentInsuranceSince: dateText('意外伤害保险起保日期').nullish(),
  accidentInsuranceUntil: dateText('意外伤害保险到期日期').nullish(),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

export const AssignmentSpecSchema = z.object({
  gridCode: GridCodeSchema,
  role: StaffRoleSchema,
  background: BackgroundSchema.nullish(),
  /** 专业网格员: the department or service unit that sends the person (Art. 22). */
  sourceOrgCode: OrgCodeSchema.nullish(),
});
export type AssignmentSpec = z.infer<typeof AssignmentSpecSchema>;

const decision = {
  effectiveOn: dateText('生效日期'),
  reason: freeText('原因', 2, 300, '请填写原因（至少 2 个字）'),
  decidingBody: nameText('决定机关', 2, 80),
};

export const AppointSchema = z
  .object({
    staffId: IdSchema.optional(),
    person: PersonInputSchema.optional(),
    assignments: z.array(AssignmentSpecSchema).min(1, '至少任职一个网格').max(200, '一次最多任职 200 个网格'),
    ...decision,
  })
  .refine((v) => !!v.staffId !== !!v.person, '请选择已登记的人员，或填写新人员的信息（二者选一）');
export type AppointInput = z.infer<typeof AppointSchema>;

export const AdjustSchema = z
  .object({
    add: z.array(AssignmentSpecSchema).max(200).default([]),
    end: z.array(z.object({ gridCode: GridCodeSchema, role: StaffRoleSchema })).max(200).default([]),
    ...decision,
  })
  .refine((v) => v.add.length + v.end.length > 0, '请至少增加或减少一个网格');
export type AdjustInput = z.infer<typeof AdjustSchema>;

export const ExitSchema = z.object(decision);
export type ExitInput = z.infer<typeof ExitSchema>;

export const StaffRecordsSchema = PersonInputSchema.pick({
  phone: true,
  homeAddress: true,
  employer: true,
  contractStart: true,
  contractEnd: true,
  socialInsuranceSince: true,
  accidentInsuranceSince: true,
  accidentInsuranceUntil: true,
}).partial();
export type StaffRecordsInput = z.infer<typeof StaffRecordsSchema>;

export const LeaveInputSchema = z.object({
  kind: z.enum(['annual_paid', 'other_paid'], { error: '假别必须是带薪年休假或其他带薪假' }),
  startsOn: dateText('开始日期'),
  endsOn: dateText('结束日期'),
  days: z.number({ error: '天数必须是数字' }).positive('天数必须大于 0').max(60, '一次休假不超过 60 天'),
  note: freeText('备注', 0, 200).nullish(),
});

export const PERSONAL_FIELDS = ['idNumber', 'birthDate', 'homeAddress'] as const;
export const UnmaskSchema = z.object({
  fields: z.array(z.enum(PERSONAL_FIELDS)).min(1, '请选择要查看的字段'),
  reason: freeText('查看原因', 4, 200, '请填写查看原因（至少 4 个字）'),
});

export const StaffListQuerySchema = z.object({
  within: DivisionCodeSchema.optional(),
  role: StaffRoleSchema.optional(),
  status: z.enum(['active', 'exited', 'all'], { error: '状态必须是 active、exited 或 all' }).default('active'),
  q: freeText('搜索词', 0, 30).optional(),
  limit: queryInt('limit（条数）', 1, 1000).default(100),
  offset: queryInt('offset（起始位置）', 0, 10_000_000).default(0),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;
export const OnDateQuerySchema = z.object({ on: dateText('日期').optional() });

export const StaffingSettingsSchema = z.object({
  maxGridsHead: z.number().int().min(1).max(100),
  maxGridsFulltime: z.number().int().min(1).max(100),
  maxGridsParttime: z.number().int().min(1).max(100),
  maxGridsProfessional: z.number().int().min(1).max(1000),
  fulltimeQuota: z.number().int().min(0).max(100_000).nullable(),
});

export const CourseInputSchema = z.object({
  name: nameText('课程名称', 2, 80),
  kind: z.enum(['pre_job', 'in_service'], { error: '培训类型必须是岗前培训或在岗培训' }),
  townshipCode: DivisionCodeSchema,
  startsOn: dateText('开始日期'),
  endsOn: dateText('结束日期'),
  hours: z.number({ error: '学时必须是数字' }).positive('学时必须大于 0').max(1000, '学时过大'),
  location: freeText('地点', 0, 120).nullish(),
});
export const AttendanceInputSchema = z.object({
  records: z
    .array(z.object({ staffId: IdSchema, attended: z.boolean(), passed: z.boolean(), score: z.number().min(0).max(100).nullish() }))
    .min(1, '请至少登记一名学员')
    .max(500, '一次最多登记 500 名学员'),
});
export const ReasonSchema = z.object({ reason: freeText('原因', 2, 300, '请填写原因（至少 2 个字）') });

export const AssessmentInputSchema = z.object({
  staffId: IdSchema,
  kind: z.enum(['daily', 'annual'], { error: '考核类型必须是日常考核或年度考核' }),
  /** A day (YYYY-MM-DD) for daily assessments, a year (YYYY) for annual ones. */
  period: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, '考核期间：日常考核填日期（YYYY-MM-DD），年度考核填年份（YYYY）'),
  score: z.number({ error: '分数必须是数字' }).min(0, '分数不能小于 0').max(100, '分数不能大于 100'),
  grade: z.enum(['excellent', 'qualified', 'basically_qualified', 'unqualified'], { error: '等次必须是优秀、合格、基本合格或不合格' }).optional(),
  remarks: freeText('评语', 0, 500).nullish(),
});
export const AssessmentListQuerySchema = z.object({
  within: DivisionCodeSchema.optional(),
  kind: z.enum(['daily', 'annual'], { error: '考核类型必须是 daily 或 annual' }).optional(),
  period: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, '期间格式：YYYY、YYYY-MM 或 YYYY-MM-DD').optional(),
  staffId: IdSchema.optional(),
  limit: queryInt('limit（条数）', 1, 5000).default(500),
});

export const OrgListQuerySchema = z.object({
  within: DivisionCodeSchema.optional(),
  kind: z.enum(['grid_centre', 'department', 'service_unit', 'people_org', 'government'], { error: '单位类型不正确' }).optional(),
  sector: z.string().regex(/^[a-z]{1,8}$/, '行业代号不正确').optional(),
  q: freeText('搜索词', 0, 30).optional(),
});
export const OrgPhonesSchema = z.object({
  dutyPhone: phoneSchema('值班电话', { allowLandline: true, allowService: true }).nullish(),
  complaintPhone: phoneSchema('监督举报电话', { allowLandline: true, allowService: true }).nullish(),
});
