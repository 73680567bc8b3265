import { z } from 'zod';
import { roleLabels } from '../i18n/zh-CN';

export const RoleSchema = z.enum(Object.keys(roleLabels) as [keyof typeof roleLabels, ...(keyof typeof roleLabels)[]], { error: '未知角色' });
export type Role = z.infer<typeof RoleSchema>;

export const PermissionSchema = z.enum([
  'grid.read',
  'grid.propose',
  'grid.apply',
  'filing.read',
  'filing.acknowledge',
  'staff.read',
  'staff.manage',
  'staff.assess_daily',
  'staff.assess_annual',
  'staffing.settings',
  'training.manage',
  'workid.issue',
  'org.read',
  'org.manage',
  'user.manage',
  'role.assign',
  'audit.read',
  'catalogue.read',
  'catalogue.manage',
  'catalogue.approve',
  'calendar.read',
  'calendar.manage',
]);
export type Permission = z.infer<typeof PermissionSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});
export type Login = z.infer<typeof LoginSchema>;

export const UserStatusInputSchema = z.object({ status: z.enum(['active', 'disabled'], { error: '状态必须是 active（启用）或 disabled（停用）' }) });
export const UserRoleInputSchema = z.object({
  role: RoleSchema,
  scopeCode: z.string().regex(/^\d{12}$/, '管辖范围必须是 12 位区划代码').nullable(),
  orgCode: z.string().regex(/^\d{12}-[a-z0-9]{1,12}$/, '单位编码格式应为 12 位区划代码-单位代号，如 231102000000-mz').nullish(),
});

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
  scopeCode: z.string().nullable(),
  scopeName: z.string().nullable(),
  department: z.string().nullable(),
  permissions: z.array(PermissionSchema),
});
export type Me = z.infer<typeof MeSchema>;
