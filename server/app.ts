import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { gridCodingRule } from '../common/domain/grid-code';
import { SPA_PATHS } from '../common/spa-paths';
import type { Config } from './config';
import { createChangeFeed, type ChangeFeed } from './db/change-feed';
import type { Database } from './db/client';
import { registerAuth } from './http/auth-plugin';
import { controlRoutes, type ControlToken } from './http/control-routes';
import { registerErrorHandler, sendBadUrl } from './http/error-handler';
import { registerInputGuard } from './http/input-guard';
import { trackInFlight, type InFlight } from './http/in-flight';
import { registerRateLimits } from './http/rate-limit';
import { registerRequestLog } from './http/request-log';
import { registerOriginCheck } from './http/request-origin';
import type { Clock } from './lib/clock';
import { createGeometry, type Geometry } from './lib/geometry-pool';
import { createPhotos } from './lib/photos';
import { openLocalStorage, storageRoot } from './lib/storage';
import { redactPaths } from './lib/logger';
import { WEB_DIST } from './lib/paths';
import { accessRoutes } from './modules/access/access.routes';
import { createAccessService } from './modules/access/access.service';
import { cataloguePublicRoutes } from './modules/catalogue/catalogue-public.routes';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes';
import { createCatalogueService, type CatalogueService } from './modules/catalogue/catalogue.service';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { createCalendarService, type CalendarService } from './modules/calendar/calendar.service';
import { createRateLimiter } from './modules/access/rate-limiter';
import { rateLimitsRepo } from './modules/access/rate-limits.repo';
import { DivisionTree } from './modules/territory/division-tree';
import { createGridChangeService } from './modules/territory/grid-changes.service';
import { GridRegistry } from './modules/territory/grid-registry';
import { gridRoutes } from './modules/territory/grids.routes';
import { createGridService } from './modules/territory/grids.service';
import { territoryRoutes } from './modules/territory/territory.routes';
import { organisationRoutes } from './modules/organisations/organisations.routes';
import { createOrganisationService } from './modules/organisations/organisations.service';
import { createAssessmentService } from './modules/staff/assessments.service';
import { createCertificationService } from './modules/staff/certification.service';
import { createSheetParser } from './modules/staff/excel/sheet-pool';
import { staffExcelRoutes } from './modules/staff/excel/staff-excel.routes';
import { createStaffExportService } from './modules/staff/excel/staff-export.service';
import { createStaffImportService } from './modules/staff/excel/staff-import.service';
import { noticeRoutes } from './modules/notices/notices.routes';
import { createNoticeService } from './modules/notices/notices.service';
import { staffRoutes } from './modules/staff/staff.routes';
import { createStaffService } from './modules/staff/staff.service';
import { createStaffingService } from './modules/staff/staffing.service';
import { createTerritoryService } from './modules/territory/territory.service';
import { matterRoutes } from './modules/matters/matters.routes';
import { residentRoutes } from './modules/matters/resident.routes';
import { createMattersService, type MattersService } from './modules/matters/matters.service';

export interface AppDeps {
  db: Database;
  clock: Clock;
  config: Config;
  logger?: boolean | object;
  /** PostgreSQL connection string: this process then follows changes made by other processes. */
  databaseUrl?: string;
  /** Set by the embedded server once it listens, for the command line's requests. */
  control?: ControlToken;
}

export interface App {
  app: FastifyInstance;
  /** The requests being handled; the database is closed only once they are done. */
  inFlight: InFlight;
  registry: GridRegistry;
  tree: DivisionTree;
  feed: ChangeFeed;
  geo: Geometry;
  /** Training, certificates and work IDs: what the matters loop asks before giving anyone a matter. */
  certification: ReturnType<typeof createCertificationService>;
  /** The counties' service-item catalogues: `catalogue.publishedType(countyCode, typeCode)` is what a matter is handled under. */
  catalogue: CatalogueService;
  /** The counties' working calendars: `calendar.calendarFor(countyCode)` counts matter deadlines (Art. 21). */
  calendar: CalendarService;
  /** The matters loop (Art. 14–16, 19, 21, 26); `matters.sweep()` runs the deadline jobs that are due. */
  matters: MattersService;
  /** Every route, as registered: what the hostile-input test walks. */
  routes: { method: string; url: string }[];
}


/** An import job whose process has not written its heartbeat (every 30 s) for this long is taken for dead. */
const IMPORT_STALE_MS = 90_000;

/** Builds the HTTP app and the in-memory state (territory tree, grid registry) it serves from. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { db, clock, config } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: process.env.LOG_LEVEL ?? 'info', redact: { paths: redactPaths, censor: '[已屏蔽]' } },
    // One line per request is written by request-log.ts at debug level; at info, only problems.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 5 * 1024 * 1024,
    // A hop count is accepted at run time (fastify/lib/request.js) though the typings only list the other forms.
    trustProxy: config.trustProxy as boolean | string[],
    frameworkErrors: (err, req, reply) => sendBadUrl(err, req, reply),
  });
  const routes: App['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerRequestLog(app);

  // City-wide grid layers are megabytes of GeoJSON; grid workers are often on weak connections.
  await app.register(compress, { threshold: 2048 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.tileUrl ? [new URL(config.tileUrl.replace(/\{[a-z]\}/g, 'x')).origin] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  const inFlight = trackInFlight(app);
  registerRateLimits(app, createRateLimiter({ db, clock }));
  registerOriginCheck(app, { publicOrigins: config.publicOrigins });
  registerInputGuard(app);
  await app.register(swagger, {
    openapi: {
      info: { title: '网格通 · 黑河市网格化管理服务信息平台 API', version: '0.1.0', description: '网格登记簿（按编码、按坐标、按区域查询）、区划、网格调整与备案。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wg_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // In-memory state follows the database: loaded in this order by feed.start(), reloaded on change.
  const feed = createChangeFeed({ db, databaseUrl: deps.databaseUrl, onError: (e) => app.log.error({ err: e }, '同步内存状态失败') });
  const tree = new DivisionTree();
  const registry = new GridRegistry(db, tree);
  feed.follow('divisions', { reload: () => tree.load(db) });
  feed.follow('grids', { reload: () => registry.rebuild() });
  const catalogue = createCatalogueService({ db, clock, tree, feed });
  const calendar = createCalendarService({ db, clock, tree, feed, onError: (e) => app.log.error({ err: e }, '工作日历数据有误') });
  const geo = createGeometry({ threads: config.geometryThreads });
  const rule = gridCodingRule(config.gridCodeScheme);

  const access = createAccessService({ db, clock, sessionHours: config.sessionHours, feed, sessionCacheMs: config.sessionCacheSeconds * 1000 });
  await feed.start();
  registerAuth(app, access);
  app.get('/api/health', { schema: { tags: ['运行'], summary: '健康检查' }, config: { public: true } }, async () => ({
    status: 'ok',
    grids: registry.size,
    divisions: tree.all().length,
  }));
  accessRoutes(app, access, { secureCookies: config.secureCookies });
  territoryRoutes(app, createTerritoryService({ db, tree }));
  gridRoutes(app, createGridService({ db, clock, tree, registry }), createGridChangeService({ db, clock, tree, rule, geo, feed }));
  organisationRoutes(app, createOrganisationService({ db, clock, tree }));
  catalogueRoutes(app, catalogue);
  cataloguePublicRoutes(app, catalogue);
  calendarRoutes(app, calendar);
  const certification = createCertificationService({ db, clock, tree });
  const staff = createStaffService({ db, clock, tree });
  const assessments = createAssessmentService({ db, clock, tree });
  staffRoutes(app, {
    publicOrigin: (req) => config.publicOrigins[0] ?? `${req.protocol}://${req.host}`,
    staff,
    staffing: createStaffingService({ db, clock, tree }),
    certification,
    assessments,
  });
  // Staff spreadsheets. An import job left running by a process that died is failed first: on the
  // embedded database nothing else can be running it; on PostgreSQL, one whose heartbeat stopped.
  const sheets = createSheetParser();
  const imports = createStaffImportService({ db, clock, tree, parser: sheets, onError: (e) => app.log.error({ err: e }, '网格人员导入出错') });
  await imports.failInterrupted(deps.databaseUrl ? IMPORT_STALE_MS : 0);
  await staffExcelRoutes(app, { imports, exports: createStaffExportService({ db, clock, tree, staff, assessments }) });
  const storage = await openLocalStorage(storageRoot(config));
  const matters = createMattersService({ db, clock, tree, registry, catalogue, calendars: calendar, certification, photos: createPhotos({ storage }) });
  await matterRoutes(app, matters, storage);
  await residentRoutes(app, { matters, catalogue, notices: createNoticeService({ db, clock, tree, registry, certification }) });
  noticeRoutes(app, createNoticeService({ db, clock, tree, registry, certification }), (req) => config.publicOrigins[0] ?? `${req.protocol}://${req.host}`);
  if (deps.control) controlRoutes(app, { db, clock, access, matters, token: deps.control });

  app.get('/app-config.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/javascript').send(`window.__WANGGE_CONFIG__=${JSON.stringify({ tileUrl: config.tileUrl ?? null, tileAttribution: config.tileAttribution ?? null })};`),
  );
  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    // Only the app's own pages get index.html; anything else falls through to a real 404.
    for (const p of SPA_PATHS) app.get(p, { schema: { hide: true } }, async (_req, reply) => reply.sendFile('index.html'));
  }

  // Housekeeping: forget rate-limit windows and login counts that no longer matter.
  const sweep = setInterval(() => {
    const now = clock.now();
    void rateLimitsRepo.purge(db, new Date(now.getTime() - 86400_000)).catch(() => {});
    void access.purgeThrottle().catch(() => {});
  }, 3600_000);
  sweep.unref();
  const importSweep = setInterval(() => {
    void imports.beat();
    if (deps.databaseUrl) void imports.failInterrupted(IMPORT_STALE_MS).catch(() => {});
    void imports.expireChecked().catch(() => {});
  }, 30_000);
  importSweep.unref();
  // Deadlines (warnings, overdue escalation) are jobs in the database: any process may run the due
  // ones, rows are claimed with SKIP LOCKED, and a run never overlaps the previous one here.
  let deadlineRun: Promise<unknown> | null = null;
  const deadlineSweep =
    config.jobsIntervalSeconds > 0
      ? setInterval(() => {
          deadlineRun ??= matters
            .sweep()
            .catch((e) => app.log.error({ err: e }, '事项时限任务执行失败'))
            .finally(() => (deadlineRun = null));
        }, config.jobsIntervalSeconds * 1000)
      : null;
  deadlineSweep?.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(importSweep);
    if (deadlineSweep) clearInterval(deadlineSweep);
    await deadlineRun;
    await imports.idle();
    await matters.close();
    await sheets.close();
    await feed.close();
    await geo.close();
  });
  return { app, inFlight, registry, tree, feed, geo, routes, certification, calendar, catalogue, matters };
}
