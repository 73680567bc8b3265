import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../../common/schemas/auth';
import { errorMessage } from '../../api/client';
import { useMe } from './auth-api';

/** Sends visitors without a session to the login page; optionally requires a permission. */
export function RequireAuth({ children, permission }: { children: ReactNode; permission?: Permission }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  if (me.isError) return <Result status="error" title="无法获取登录状态" subTitle={errorMessage(me.error)} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (permission && !me.data.permissions.includes(permission))
    return <Result status="403" title="无权访问" subTitle="您的账号没有此功能的权限" />;
  return <>{children}</>;
}
