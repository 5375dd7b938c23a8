import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Carrier } from '@oms/domain';
import { DEFAULT_CARRIERS } from '@oms/domain';

const carrierFile = z.array(z.object({ code: z.string().regex(/^[a-z0-9_-]+$/), name: z.string().min(1), trackingUrl: z.string().includes('{trackingNumber}') })).min(1);

/** Everything the server reads from its environment, in one place. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const carriers: readonly Carrier[] = env.OMS_CARRIERS_FILE ? carrierFile.parse(JSON.parse(readFileSync(env.OMS_CARRIERS_FILE, 'utf8'))) : DEFAULT_CARRIERS;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.OMS_DATA_DIR || './data',
    port: Number(env.PORT || 3000),
    host: env.HOST || '127.0.0.1',
    bootstrapAdminKey: env.OMS_BOOTSTRAP_ADMIN_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    carriers,
  };
};
export type Config = ReturnType<typeof loadConfig>;
