/**
 * fast-check arbitraries from the server's own OpenAPI document: valid values for a JSON schema (the
 * subset zod emits: object, array, string, integer, number, boolean, enum, const, anyOf/oneOf,
 * nullable, formats, bounds, required), broken variants of them, and whole HTTP requests — mostly
 * valid, so the domain rules are reached, with broken path, query, headers and bodies mixed in.
 * Hand-written: the registry's JSON-schema→fast-check packages are old (fast-check 1–2) or read zod 3.
 */
import fc from 'fast-check';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean | number;
  readonly exclusiveMaximum?: boolean | number;
}

/** Real values (seeded orders, catalogue codes, …) by property or parameter name, drawn most of the time instead of the schema's. */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** JSON text put in place of a marker string after JSON.stringify: what a JS value cannot say (-0, 1e400, nesting deeper than stringify's stack). */
const RAW = /"@@raw:([^@"]*)@@"/g;
const raw = (text: string): string => `@@raw:${text}@@`;
const deep = (n: number, open: string, close: string, leaf: string) => `${open.repeat(n)}${leaf}${close.repeat(n)}`;
const RAW_TEXTS: Readonly<Record<string, string>> = {
  deepArray: deep(20_000, '[', ']', '1'),
  deepObject: deep(20_000, '{"a":', '}', 'null'),
};
export const toJsonText = (value: unknown): string =>
  JSON.stringify(value).replace(RAW, (_, t: string) => RAW_TEXTS[t] ?? t);

const LONG = 'ㄱ'.repeat(10_000);
/** Values no field of this API accepts in this place, or that sit on an edge of one. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', LONG, '', '   ', 'NaN', 'Infinity', '1e308', '-0', 'true', 'null',
    1e308, -1e308, 2 ** 53 + 1, -(2 ** 53 + 1), Number.MIN_VALUE, 0.5, -1, 0,
    raw('-0'), raw('1e400'), raw('-1e400'), raw('123456789012345678901234567890'), raw('1E2'), raw('deepArray'), raw('deepObject'),
    null, true, false, [], {}, [null], { '': 1 }, { __proto__x: 1 },
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const int32 = (n: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n));
const typesOf = (s: JsonSchema): readonly string[] => (s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type);

const integerArb = (s: JsonSchema): fc.Arbitrary<number> => {
  const lo = Math.ceil((s.minimum ?? -(2 ** 53 - 1)) + (s.exclusiveMinimum === true ? 1 : 0));
  const hi = Math.floor((s.maximum ?? 2 ** 53 - 1) - (s.exclusiveMaximum === true ? 1 : 0));
  const small = fc.integer({ min: int32(lo), max: int32(Math.max(lo, Math.min(hi, lo + 1000))) });
  if (lo >= -(2 ** 31) && hi <= 2 ** 31 - 1) return fc.oneof({ weight: 3, arbitrary: small }, fc.integer({ min: lo, max: hi }));
  return fc.oneof({ weight: 3, arbitrary: small }, fc.bigInt({ min: BigInt(lo), max: BigInt(hi) }).map(Number));
};

const WORDS = ['김경자', '부재시 경비실', '교환 요청', '스텐 냄비', '메모', 'A-1', 'テスト', '😀 이모지'];
const stringArb = (s: JsonSchema): fc.Arbitrary<string> => {
  if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'uuid') return fc.uuid();
  if (s.pattern !== undefined) return fc.stringMatching(new RegExp(s.pattern));
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 30, min + 30);
  const fits = (x: string) => x.length >= min && x.length <= max;
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter(fits), fc.constantFrom(...WORDS).filter(fits));
};

/** A value the schema accepts (the server may still refuse it: trimmed strings, domain rules). */
export const validArb = (schema: JsonSchema, hints: Hints = {}, name?: string): fc.Arbitrary<unknown> => {
  const own = schemaArb(schema, hints);
  const hint = name === undefined ? undefined : hints[name];
  return hint ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
};

const schemaArb = (s: JsonSchema, hints: Hints): fc.Arbitrary<unknown> => {
  const base = ((): fc.Arbitrary<unknown> => {
    if ('const' in s) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => schemaArb(a, hints)));
    const types = typesOf(s);
    if (types.length > 1) return fc.oneof(...types.map((type) => schemaArb({ ...s, type }, hints)));
    switch (types[0]) {
      case 'object': {
        const props = s.properties ?? {};
        const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, validArb(p, hints, k)]));
        return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
      }
      case 'array': {
        const minLength = s.minItems ?? 0;
        return fc.array(validArb(s.items ?? {}, hints), { minLength, maxLength: Math.min(s.maxItems ?? minLength + 3, minLength + 3) });
      }
      case 'string':
        return stringArb(s);
      case 'integer':
        return integerArb(s);
      case 'number':
        return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return s.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
};

/** A value that breaks the schema somewhere (or sits on an edge of it): a wrong type, a missing or unknown field, a bad string or number. */
export const brokenArb = (s: JsonSchema, hints: Hints = {}): fc.Arbitrary<unknown> => {
  const types = typesOf(s);
  const variants: fc.Arbitrary<unknown>[] = [junk];
  if (types.includes('object') && s.properties) {
    const props = s.properties;
    const names = Object.keys(props);
    const valid = schemaArb(s, hints) as fc.Arbitrary<Record<string, unknown>>;
    const required = (s.required ?? []).filter((k) => k in props);
    if (required.length > 0) {
      variants.push(fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))));
    }
    variants.push(fc.tuple(valid, fc.constantFrom('bogus', 'registerExpectedInbound', 'Quantity', '\u0000key', '\ud800', 'x'.repeat(300)), junk).map(([v, k, j]) => ({ ...v, [k]: j })));
    if (names.length > 0) {
      const one = fc.constantFrom(...names).chain((k) => fc.tuple(valid, fc.constant(k), brokenArb(props[k] ?? {}, hints)));
      variants.push(one.map(([v, k, b]) => ({ ...v, [k]: b })), one.map(([v, k, b]) => ({ ...v, [k]: b })));
    }
  }
  if (types.includes('array')) {
    const item = s.items ?? {};
    variants.push(
      fc.constant([]),
      fc.array(brokenArb(item, hints), { minLength: 1, maxLength: 3 }),
      fc.array(validArb(item, hints), { minLength: (s.maxItems ?? 1000) + 1, maxLength: (s.maxItems ?? 1000) + 1 }).filter(() => (s.maxItems ?? 1000) <= 1000),
    );
  }
  if (types.includes('string')) {
    variants.push(
      fc.tuple(stringArb(s), fc.constantFrom('\u0000', '\ud800', '\udc00', '\ufffe', '\u202e')).map(([v, bad]) => `${v}${bad}`),
      fc.constant(LONG),
      fc.constantFrom('', ' ', '\t\n', '2026-02-30T00:00:00Z', '2026-11-26', 'not-a-uuid', '00000000-0000-0000-0000-000000000000'),
      fc.integer(),
    );
  }
  if (types.includes('integer') || types.includes('number')) {
    const edges = [s.minimum, s.maximum].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n, n + 1]);
    variants.push(fc.constantFrom<unknown>(1e308, 2 ** 53 + 1, -0, 1.5, -1, 0, 'NaN', '1', raw('1e400'), raw('-0'), ...edges));
  }
  if (s.enum) variants.push(fc.constantFrom<unknown>('TOP', ' top', 'unknown', 1, true));
  return fc.oneof(...variants);
};

interface Parameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly operation: Operation;
}

export const routesOf = (doc: OpenApiDocument): Route[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));

export interface FuzzRequest {
  readonly route: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string;
  /** The path parameters as generated (before encoding), to find the order a command aimed at. */
  readonly params: Readonly<Record<string, string>>;
}

/** Percent-encodes what can be; a lone surrogate cannot (URIError), so it goes in as it is. */
const encode = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Path segments no route should take for a number, a code or a name — sent exactly as written. */
const BROKEN_SEGMENTS = [
  '+100001', '100001.0', '0x10', '%00', '%ZZ', '%', '-1', '0', '1e5', '%20100001', '100001%20', '00100001', '99999999999999999999',
  '9007199254740993', '%ED%A0%80', '%C0%80', '%F0%9F%98%80', '%2F', '..', '%2E%2E', 'x'.repeat(10_000), 'ㄱ', '\u0000', '\ud800',
];
const brokenQueryValues = fc.constantFrom('\u0000', '%00', '%ZZ', '%ED%A0%80', '\ud800', '', ' ', '-1', '1e308', '9007199254740993', 'NaN', '0x10', 'x'.repeat(10_000), '[object Object]');

export interface RequestArbOptions {
  readonly hints: Hints;
  /** Authorization headers, weighted (an admin may call every route). */
  readonly auth: fc.Arbitrary<string | undefined>;
  readonly idempotencyKey: fc.Arbitrary<string | undefined>;
  readonly ifMatch: fc.Arbitrary<string | undefined>;
}

const queryArb = (params: readonly Parameter[], hints: Hints): fc.Arbitrary<string> => {
  const pairs = params.map((p) =>
    fc.oneof(
      { weight: p.required ? 0 : 3, arbitrary: fc.constant([] as string[]) },
      { weight: 6, arbitrary: validArb(p.schema ?? {}, hints, p.name).map((v) => [`${p.name}=${encode(String(v))}`]) },
      { weight: 1, arbitrary: brokenQueryValues.map((v) => [`${p.name}=${v.startsWith('%') ? v : encode(v)}`]) },
      { weight: 1, arbitrary: fc.tuple(validArb(p.schema ?? {}, hints, p.name), validArb(p.schema ?? {}, hints, p.name)).map(([a, b]) => [`${p.name}=${encode(String(a))}`, `${p.name}=${encode(String(b))}`]) },
    ),
  );
  const extra = fc.oneof({ weight: 8, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.constantFrom(['bogus=1'], ['limit'], ['%ZZ=1'], ['a[b]=1'], ['__proto__=1']) });
  return fc.tuple(fc.tuple(...pairs), extra).map(([ps, e]) => {
    const all = [...ps.flat(), ...e];
    return all.length ? `?${all.join('&')}` : '';
  });
};

const pathArb = (path: string, params: readonly Parameter[], hints: Hints): fc.Arbitrary<{ url: string; values: Record<string, string> }> => {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const segment = (name: string) => {
    const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
    return fc.oneof(
      { weight: 12, arbitrary: validArb(schema, hints, name).map((v) => ({ value: String(v), sent: encode(String(v)) })) },
      { weight: 1, arbitrary: fc.constantFrom(...BROKEN_SEGMENTS).map((v) => ({ value: v, sent: v })) },
    );
  };
  return fc.tuple(...names.map(segment)).map((segments) => {
    let url = path;
    const values: Record<string, string> = {};
    names.forEach((n, i) => {
      const s = segments[i];
      if (!s) return;
      url = url.replace(`{${n}}`, s.sent);
      values[n] = s.value;
    });
    return { url, values };
  });
};

const MALFORMED_BODIES = ['{', '{"a":1,}', "{'a':1}", 'nul', '[', '', '\u0000', '\ufeff{}', '{"a":1,"a":2}', 'true', '123', '"text"', 'null', '[]', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"memo":"\\ud800"}', '{"memo":"\\u0000"}'];
const contentTypes = fc.oneof(
  { weight: 30, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'multipart/form-data; boundary=x', 'application/problem+json', 'application/json; charset=utf-8', '') },
);

const bodyArb = (operation: Operation, method: string, hints: Hints): fc.Arbitrary<string | undefined> => {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) {
    if (method === 'GET') return fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('{"x":1}', '{') });
    return fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk.map(toJsonText) });
  }
  return fc.oneof(
    { weight: operation.requestBody?.required ? 0 : 2, arbitrary: fc.constant(undefined) },
    { weight: 24, arbitrary: validArb(schema, hints).map(toJsonText) },
    { weight: 6, arbitrary: brokenArb(schema, hints).map(toJsonText) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
  );
};

/** One request to `route`: mostly valid, now and then broken in its path, query, headers or body. */
export const requestArb = (route: Route, options: RequestArbOptions): fc.Arbitrary<FuzzRequest> => {
  const params = route.operation.parameters ?? [];
  const query = params.filter((p) => p.in === 'query');
  return fc
    .record({
      path: pathArb(route.path, params, options.hints),
      query: queryArb(query, options.hints),
      body: bodyArb(route.operation, route.method, options.hints),
      contentType: contentTypes,
      auth: options.auth,
      idempotencyKey: options.idempotencyKey,
      ifMatch: options.ifMatch,
    })
    .map(({ path, query: q, body, contentType, auth, idempotencyKey, ifMatch }) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers.authorization = auth;
      if (body !== undefined && contentType !== '') headers['content-type'] = contentType;
      if (route.method !== 'GET' && idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      if (route.method !== 'GET' && ifMatch !== undefined) headers['if-match'] = ifMatch;
      return { route: `${route.method} ${route.path}`, method: route.method, url: `${path.url}${q}`, headers, params: path.values, ...(body === undefined ? {} : { payload: body }) };
    });
};
