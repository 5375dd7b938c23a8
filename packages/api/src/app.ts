/** Builds the fastify server over an opened database: store, projections, keys, routes, OpenAPI. */
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '@oms/adapters';
import { migrateToLatest } from '@oms/adapters';
import type { Carrier } from '@oms/domain';
import { DEFAULT_CARRIERS } from '@oms/domain';
import { projectionMigrations, ProjectionRunner, projectionsFor } from '@oms/projections';
import { apiMigrations, ApiKeys } from './auth.js';
import { registerConsole } from './console.js';
import cookie from '@fastify/cookie';
import { sessionMigrations } from './sessions.js';
import { sessionRoutes } from './routes/session.js';
import { catalogueMigrations, drainStockCarry } from './catalogue/catalogue.js';
import type { AppContext } from './context.js';
import { openEventStore } from './eventStores.js';
import { OrderCommandHandler } from './orders/commandHandler.js';
import { clientErrorHandler, errorHandler, frameworkErrors, notFoundHandler } from './problem.js';
import { refuseUnsafeStrings } from './inputSafety.js';
import { registerUploads } from './files/upload.js';
import { registerJsonBody } from './jsonBody.js';
import type { Limits } from './limits.js';
import { limitsSchema, registerRateLimit, serverOptionsOf } from './limits.js';
import { requestIdOf } from './logging.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { formatMigrations } from './channelCancellations/formats.js';
import { channelCancellationImportRoutes } from './channelCancellations/importRoutes.js';
import { channelCancellationRoutes } from './channelCancellations/routes.js';
import { csHistoryViewRoutes } from './csHistoryView/routes.js';
import { memoMacroRoutes } from './memoMacros/routes.js';
import { memoMacroMigrations } from './memoMacros/store.js';
import { orderRoutes } from './routes/orders.js';
import { returnRoutes } from './returns/routes.js';
import { returnStatsRoutes } from './returnStats/routes.js';

export interface AppOptions {
  readonly database: Database;
  readonly bootstrapAdminKey?: string | undefined;
  readonly carriers?: readonly Carrier[] | undefined;
  /** The server's logger (logging.ts: createLogger, redacting personal data); none when left out. */
  readonly logger?: FastifyBaseLogger | undefined;
  /** Poll for events appended by other processes (ms); 0 = only catch up after own commands. */
  readonly projectionPollMs?: number | undefined;
  /** Timeouts, sizes and the rate limit; each figure missing takes its default. */
  readonly limits?: Partial<Limits> | undefined;
  /** Serve the built console at / (default true; without a build / says how to make one). */
  readonly console?: boolean | undefined;
  /** The largest uploaded file (bytes); 20 MiB when left out. */
  readonly fileBytes?: number | undefined;
  /** A KurrentDB / EventStoreDB connection string (EVENTSTORE_URL): the events live there; without it, in the database. */
  readonly eventStoreUrl?: string | undefined;
}

export const migrateAll = (database: Database) => migrateToLatest(database.db, projectionMigrations, apiMigrations, sessionMigrations, catalogueMigrations, formatMigrations, memoMacroMigrations);

export const buildApp = async (options: AppOptions): Promise<{ app: FastifyInstance; context: AppContext }> => {
  const { database } = options;
  await migrateAll(database);
  const carriers = options.carriers ?? DEFAULT_CARRIERS;
  if (carriers.length === 0) throw new Error('At least one carrier must be configured.');
  const events = openEventStore(database, options.eventStoreUrl);
  const { store, storedEvents } = events;
  const limits = limitsSchema.parse(options.limits ?? {});
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Our own onResponse hook writes the one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    ajv: { customOptions: { coerceTypes: false } },
    ...serverOptionsOf(limits),
    frameworkErrors,
    clientErrorHandler,
  });
  const runner = new ProjectionRunner(store, database.db, projectionsFor({ carriers }), { logger: app.log });
  const context: AppContext = {
    database,
    db: database.db,
    store,
    storedEvents,
    eventStoreKind: events.kind,
    runner,
    orders: new OrderCommandHandler(store),
    apiKeys: new ApiKeys(database.db, options.bootstrapAdminKey),
    carriers,
    limits,
  };
  app.decorateRequest('principal', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  registerJsonBody(app);
  await app.register(cookie);
  await registerUploads(app, { fileBytes: options.fileBytes });
  await registerRateLimit(app, limits);
  // After auth (onRequest) and parsing, before any route's validation.
  app.addHook('preValidation', refuseUnsafeStrings);
  // One log line per request, with its id, status and time.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      // The route's pattern, not the URL: query strings hold name and phone searches.
      { method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, ms: Math.round(reply.elapsedTime), worker: request.principal?.worker },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Order CS back office', version: '0.1.0', description: 'CS 주문관리: orders, holds, invoices, shipping and the CS 이력. Authenticate with `Authorization: Bearer <API key>`.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  adminRoutes(app, context);
  sessionRoutes(app, context);
  orderRoutes(app, context);
  auditRoutes(app, context);
  catalogueRoutes(app, context);
  channelCancellationRoutes(app, context);
  channelCancellationImportRoutes(app, context);
  returnRoutes(app, context);
  returnStatsRoutes(app, context);
  csHistoryViewRoutes(app, context);
  memoMacroRoutes(app, context);
  if (options.console !== false) await registerConsole(app);
  // Let the batch in flight finish before the database is closed.
  app.addHook('onClose', async () => {
    await runner.stop();
    await events.close();
  });
  await app.ready();
  const rebuilt = await runner.upgrade();
  if (rebuilt.length > 0) app.log.info({ rebuilt }, 'read models rebuilt: their projection version changed');
  await runner.catchUp();
  const carried = await drainStockCarry(context);
  if (carried > 0) app.log.info({ carried }, '현재고 carried over from products.stock as counts');
  if (options.projectionPollMs !== 0) runner.start(options.projectionPollMs ?? 250);
  return { app, context };
};
