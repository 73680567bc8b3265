import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Login } from '../../../common/schemas/auth';
import { errorMessage } from '../../api/client';
import { useLogin, useMe } from './auth-api';

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  // '/' sends each role to its start page (workers to /me, officials to the map).
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me.data) return <Navigate to={from} replace />;

  const onFinish = (values: Login) =>
    login.mutate(values, { onSuccess: () => navigate(from, { replace: true }) });

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f4f6', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginBottom: 4, textAlign: 'center' }}>
          网格通
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          黑河市网格化管理服务信息平台
        </Typography.Paragraph>
        {login.error && <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
        <Form<Login> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
