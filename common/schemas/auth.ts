import { z } from 'zod';
import { roleLabels } from '../i18n/zh-CN';

export const RoleSchema = z.enum(Object.keys(roleLabels) as [keyof typeof roleLabels, ...(keyof typeof roleLabels)[]]);
export type Role = z.infer<typeof RoleSchema>;

export const PermissionSchema = z.enum([
  'grid.read',
  'grid.propose',
  'grid.apply',
  'filing.read',
  'filing.acknowledge',
  'user.manage',
  'audit.read',
]);
export type Permission = z.infer<typeof PermissionSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});
export type Login = z.infer<typeof LoginSchema>;

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
