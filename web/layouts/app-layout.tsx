import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/auth/auth-api';
import { usePendingFilingCount } from '../features/filings/filings-api';
import { CalendarLayoutBanner } from '../features/calendar/calendar-alarm';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/changes/new')) return '/changes/new';
  if (pathname.startsWith('/grids')) return '/territory';
  if (pathname.startsWith('/staff/new')) return '/staff';
  for (const k of ['/map', '/territory', '/changes', '/filings', '/staffing', '/staff', '/training', '/assessments', '/catalogue', '/me', '/calendar', '/work', '/matters']) if (pathname.startsWith(k)) return k;
  return '/map';
}

/** Header with the user, a side menu on desktops and a drawer menu on phones. */
export function AppLayout() {
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const [drawer, setDrawer] = useState(false);
  const perms = me?.permissions ?? [];
  const pending = usePendingFilingCount(perms.includes('filing.read'));

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        navigate(key);
        setDrawer(false);
      }}
      items={[
        ...(me?.role === 'grid_worker' || me?.role === 'grid_head'
          ? [
              { key: '/work', label: '我的任务' },
              { key: '/me', label: '我的工作证' },
            ]
          : []),
        ...(['city_centre', 'county_centre', 'street_centre', 'community_station', 'department'].includes(me?.role ?? '') ? [{ key: '/matters', label: '事项办理' }] : []),
        { key: '/map', label: '网格地图' },
        { key: '/territory', label: '行政区划与网格' },
        { key: '/changes', label: '网格调整' },
        ...(perms.includes('grid.propose') ? [{ key: '/changes/new', label: '新建/调整' }] : []),
        ...(perms.includes('filing.read')
          ? [{ key: '/filings', label: <Badge count={pending} size="small" offset={[10, 0]}>备案</Badge> }]
          : []),
        ...(perms.includes('staff.read')
          ? [
              { key: '/staff', label: '网格人员' },
              { key: '/staffing', label: '配备缺口' },
            ]
          : []),
        ...(perms.includes('training.manage') || perms.includes('staff.read') ? [{ key: '/training', label: '培训与持证' }] : []),
        ...(perms.includes('staff.read') ? [{ key: '/assessments', label: '考核' }] : []),
        ...(perms.includes('catalogue.read') ? [{ key: '/catalogue', label: '事项清单' }] : []),
        ...(perms.includes('calendar.read') ? [{ key: '/calendar', label: '工作日历' }] : []),
      ]}
    />
  );

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: narrow ? '0 8px' : '0 16px', background: '#a50f23' }}>
        {narrow && (
          <Button type="text" aria-label="菜单" onClick={() => setDrawer(true)} style={{ color: '#fff', fontSize: 20 }}>
            ☰
          </Button>
        )}
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          网格通
          <span className="app-header-subtitle">· 黑河市网格化管理服务信息平台</span>
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {me && (
          <Space size={8} style={{ color: '#fff', whiteSpace: 'nowrap', overflow: 'hidden' }}>
            <Tooltip title={[me.roleLabel, me.scopeName, me.department].filter(Boolean).join(' · ')}>
              <span data-testid="current-user">{me.displayName}</span>
            </Tooltip>
            <span className="app-header-scope" style={{ opacity: 0.8 }}>
              {me.roleLabel}
              {me.scopeName ? `（${me.scopeName}）` : ''}
            </span>
            <Button size="small" ghost loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}>
              退出
            </Button>
          </Space>
        )}
      </Header>
      <Layout>
        {!narrow && (
          <Sider theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
            {menu}
          </Sider>
        )}
        <Drawer open={narrow && drawer} onClose={() => setDrawer(false)} placement="left" size={240} title="网格通" styles={{ body: { padding: 0 } }}>
          {menu}
        </Drawer>
        <Content style={{ minWidth: 0, background: '#fff' }}>
          <CalendarLayoutBanner />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
