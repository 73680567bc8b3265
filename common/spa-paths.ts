/**
 * The web app's own pages. The server answers these with the app (index.html); every other path is
 * a real 404, so a mistyped or probing address (/.env, /api, /open311/…) never gets the app's page.
 * Keep in step with web/router.tsx (a test checks).
 */
export const SPA_PATHS = [
  '/',
  '/login',
  '/map',
  '/territory',
  '/territory/:code',
  '/grids/:code',
  '/changes',
  '/changes/new',
  '/changes/:id',
  '/filings',
  '/staff',
  '/staff/new',
  '/staff/:id',
  '/staffing',
  '/training',
  '/training/:id',
  '/assessments',
  '/me',
  '/calendar',
  '/catalogue',
  '/catalogue/versions/:id',
  '/work',
  '/work/report',
  '/work/matters/:id',
  '/work/refuse',
  '/matters',
  '/matters/new',
  '/matters/:id',
] as const;
