/**
 * The application/json body parser: prototype-poisoning safe (secure-json-parse, as fastify's own), and
 * a malformed body is a 400 that says where — line, column and offset — without quoting the body.
 */
import type { FastifyInstance } from 'fastify';
import { parse as locate, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import secureJson from 'secure-json-parse';
import { ApiProblem } from './problem.js';

const lineAndColumn = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
};

const malformed = (text: string): ApiProblem => {
  const errors: ParseError[] = [];
  locate(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const { line, column } = lineAndColumn(text, offset);
  const what = first ? printParseErrorCode(first.error) : 'InvalidSymbol';
  return new ApiProblem(400, 'MALFORMED_JSON', 'Malformed JSON', `The body is not valid JSON: ${what} at line ${line}, column ${column} (offset ${offset}).`, [{ field: 'body', message: `${what} at line ${line}, column ${column}` }], { line, column, offset });
};

export const registerJsonBody = (app: FastifyInstance): void => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(error instanceof SyntaxError ? malformed(text) : new ApiProblem(400, 'MALFORMED_JSON', 'Forbidden JSON key', 'The body holds a __proto__ or constructor.prototype key.', [{ field: 'body', message: 'forbidden key' }]), undefined);
    }
  });
};
