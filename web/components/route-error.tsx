import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';

/** Shown when a route fails to render or its code chunk fails to load (e.g. after a redeploy). */
export function RouteError() {
  const error = useRouteError() as Error | undefined;
  return (
    <Result
      status="error"
      title="页面加载出错"
      subTitle={error?.message ?? '请刷新页面后重试'}
      extra={<Button onClick={() => window.location.reload()}>刷新页面</Button>}
    />
  );
}
