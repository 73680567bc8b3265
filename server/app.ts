import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gridCodingRule } from '../common/domain/grid-code';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerAuth } from './http/auth-plugin';
import { registerErrorHandler } from './http/error-handler';
import type { Clock } from './lib/clock';
import { redactPaths } from './lib/logger';
import { accessRoutes } from './modules/access/access.routes';
import { createAccessService } from './modules/access/access.service';
import { DivisionTree } from './modules/territory/division-tree';
import { createGridChangeService } from './modules/territory/grid-changes.service';
import { GridRegistry } from './modules/territory/grid-registry';
import { gridRoutes } from './modules/territory/grids.routes';
import { createGridService } from './modules/territory/grids.service';
import { territoryRoutes } from './modules/territory/territory.routes';
import { createTerritoryService } from './modules/territory/territory.service';

export interface AppDeps {
  db: Database;
  clock: Clock;
  config: Config;
  logger?: boolean | object;
}

export const WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');

/** Builds the HTTP app and the in-memory state (territory tree, grid registry) it serves from. */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; registry: GridRegistry; tree: DivisionTree }> {
  const { db, clock, config } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: process.env.LOG_LEVEL ?? 'info', redact: { paths: redactPaths, censor: '[已屏蔽]' } },
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

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
  await app.register(rateLimit, { global: false });
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

  const tree = new DivisionTree();
  await tree.load(db);
  const registry = new GridRegistry(db, tree);
  await registry.rebuild();
  const rule = gridCodingRule(config.gridCodeScheme);

  const access = createAccessService({ db, clock, sessionHours: config.sessionHours });
  registerAuth(app, access);
  app.get('/api/health', { schema: { tags: ['运行'], summary: '健康检查' }, config: { public: true } }, async () => ({
    status: 'ok',
    grids: registry.size,
    divisions: tree.all().length,
  }));
  accessRoutes(app, access, { secureCookies: config.secureCookies });
  territoryRoutes(app, createTerritoryService({ db, tree }));
  gridRoutes(app, createGridService({ db, clock, tree, registry }), createGridChangeService({ db, clock, tree, rule, registry }));

  app.get('/app-config.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/javascript').send(`window.__WANGGE_CONFIG__=${JSON.stringify({ tileUrl: config.tileUrl ?? null, tileAttribution: config.tileAttribution ?? null })};`),
  );
  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // The SPA owns every other path; unknown /api paths stay JSON 404s.
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      // Unknown API paths and missing build assets are real 404s; a stale tab must not get index.html as a script.
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
        return reply.status(404).send({ error: { code: 'not_found', message: '没有这个地址' } });
      }
      return reply.sendFile('index.html');
    });
  }
  return { app, registry, tree };
}
