import { Result, Spin } from 'antd';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './features/auth/require-auth';
import { LoginPage } from './features/auth/login-page';
import { AppLayout } from './layouts/app-layout';
import { RouteError } from './components/route-error';
import { useMe } from './features/auth/auth-api';

/** Grid workers and heads start on their task list (light, no map), departments on their inbox, officials on the map. */
function HomeRedirect() {
  const role = useMe().data?.role;
  const home = role === 'grid_worker' || role === 'grid_head' ? '/work' : role === 'county_government' ? '/catalogue' : role === 'department' ? '/matters' : '/map';
  return <Navigate to={home} replace />;
}

// Map pages pull in leaflet (and geoman for the change form): keep them out of the initial bundle.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    // shown while the first lazy page chunk loads
    hydrateFallbackElement: <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'map', lazy: () => import('./features/grids/city-map-page').then((m) => ({ Component: m.CityMapPage })) },
      { path: 'territory', lazy: () => import('./features/territory/territory-page').then((m) => ({ Component: m.TerritoryPage })) },
      { path: 'territory/:code', lazy: () => import('./features/territory/territory-page').then((m) => ({ Component: m.TerritoryPage })) },
      { path: 'grids/:code', lazy: () => import('./features/grids/grid-detail-page').then((m) => ({ Component: m.GridDetailPage })) },
      { path: 'changes', lazy: () => import('./features/changes/changes-list-page').then((m) => ({ Component: m.ChangesListPage })) },
      {
        path: 'changes/new',
        lazy: () =>
          import('./features/changes/change-form-page').then((m) => ({
            Component: () => (
              <RequireAuth permission="grid.propose">
                <m.ChangeFormPage />
              </RequireAuth>
            ),
          })),
      },
      { path: 'changes/:id', lazy: () => import('./features/changes/change-detail-page').then((m) => ({ Component: m.ChangeDetailPage })) },
      {
        path: 'filings',
        lazy: () =>
          import('./features/filings/filings-page').then((m) => ({
            Component: () => (
              <RequireAuth permission="filing.read">
                <m.FilingsPage />
              </RequireAuth>
            ),
          })),
      },
      // 网格人员: lists, person pages and forms for officials; /me is the worker's own light phone page.
      { path: 'staff', lazy: () => import('./features/staff/staff-list-page').then((m) => ({ Component: m.StaffListPage })) },
      {
        path: 'staff/new',
        lazy: () =>
          import('./features/staff/appointment-page').then((m) => ({
            Component: () => (
              <RequireAuth permission="staff.manage">
                <m.AppointmentPage />
              </RequireAuth>
            ),
          })),
      },
      { path: 'staff/:id', lazy: () => import('./features/staff/staff-detail-page').then((m) => ({ Component: m.StaffDetailPage })) },
      { path: 'staffing', lazy: () => import('./features/staff/staffing-gaps-page').then((m) => ({ Component: m.StaffingGapsPage })) },
      { path: 'training', lazy: () => import('./features/staff/training-page').then((m) => ({ Component: m.TrainingPage })) },
      { path: 'training/:id', lazy: () => import('./features/staff/course-page').then((m) => ({ Component: m.CoursePage })) },
      { path: 'assessments', lazy: () => import('./features/staff/assessments-page').then((m) => ({ Component: m.AssessmentsPage })) },
      { path: 'me', lazy: () => import('./features/staff/my-work-page').then((m) => ({ Component: m.MyWorkPage })) },
      // 事项清单: the county's published catalogue, its versions, the draft editor and the approval view.
      { path: 'catalogue', lazy: () => import('./features/catalogue/catalogue-page').then((m) => ({ Component: m.CataloguePage })) },
      { path: 'catalogue/versions/:id', lazy: () => import('./features/catalogue/version-page').then((m) => ({ Component: m.VersionPage })) },
      { path: 'calendar', lazy: () => import('./features/calendar/calendar-page').then((m) => ({ Component: m.CalendarPage })) },
      // 事项: the grid worker's phone pages (tasks, report, verify, feed back, refuse) stay light: no map, no desk.
      { path: 'work', lazy: () => import('./features/work/work-page').then((m) => ({ Component: m.WorkPage })) },
      { path: 'work/report', lazy: () => import('./features/work/report-page').then((m) => ({ Component: m.ReportPage })) },
      { path: 'work/matters/:id', lazy: () => import('./features/work/work-matter-page').then((m) => ({ Component: m.WorkMatterPage })) },
      { path: 'work/refuse', lazy: () => import('./features/work/refusal-page').then((m) => ({ Component: m.RefusalPage })) },
      // The dispatcher desk of each level, and the department's and service unit's inbox.
      { path: 'matters', lazy: () => import('./features/matters/matters-desk-page').then((m) => ({ Component: m.MattersDeskPage })) },
      { path: 'matters/new', lazy: () => import('./features/matters/intake-page').then((m) => ({ Component: m.IntakePage })) },
      { path: 'matters/:id', lazy: () => import('./features/matters/matter-page').then((m) => ({ Component: m.MatterPage })) },
      { path: '*', element: <Result status="404" title="页面不存在" /> },
    ],
  },
]);
