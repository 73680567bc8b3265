import { Result, Spin } from 'antd';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './features/auth/require-auth';
import { LoginPage } from './features/auth/login-page';
import { AppLayout } from './layouts/app-layout';
import { RouteError } from './components/route-error';

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
      { index: true, element: <Navigate to="/map" replace /> },
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
      { path: '*', element: <Result status="404" title="页面不存在" /> },
    ],
  },
]);
