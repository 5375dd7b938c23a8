/**
 * The CS console (packages/console) served at / by this server: the files Vite built into
 * packages/console/dist (`pnpm start` builds them first). Without a build the API runs alone and / says
 * how to build. The page may load nothing but its own files (Content-Security-Policy).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist/', import.meta.url));

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export const registerConsole = async (app: FastifyInstance, dist = CONSOLE_DIST): Promise<boolean> => {
  if (!existsSync(`${dist}index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_, reply) => reply.type('text/plain; charset=utf-8').send('The console is not built: run `pnpm --filter @oms/console build` (pnpm start does it). The API is at /docs.\n'));
    return false;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    setHeaders: (res, path) => {
      res.header('Content-Security-Policy', CSP);
      res.header('X-Content-Type-Options', 'nosniff');
      // Hashed asset names never change; index.html must always be asked for again.
      res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
};
