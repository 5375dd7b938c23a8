/** `pnpm openapi`: (re)writes the console's client types from the server's OpenAPI document (an in-memory database). */
import { writeFileSync } from 'node:fs';
import { openDatabase } from '@oms/adapters';
import { buildApp } from '@oms/api';
import { CONSOLE_TYPES, consoleTypesOf } from './consoleTypes.js';

const database = await openDatabase({});
const { app } = await buildApp({ database, projectionPollMs: 0, console: false });
writeFileSync(CONSOLE_TYPES, await consoleTypesOf(app));
await app.close();
await database.close();
process.stdout.write(`wrote ${CONSOLE_TYPES}\n`);
