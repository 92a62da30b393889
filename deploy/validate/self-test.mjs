// Proves that the checks can fail: deliberately broken copies of the deployment files in a temporary directory
// must make validate.mjs exit non-zero with the expected message, and the untouched copy must pass. Then
// deploy/nacos/publish.sh runs (with sh) against a stub of the Nacos 3 HTTP API on 127.0.0.1 and the stub checks
// what it received. Output ends with "N passed, N failed".

import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './validate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const deploy = path.join(repo, 'deploy');
let passed = 0;
let failed = 0;
const ok = (name) => {
	passed++;
	console.log(`  ok   ${name}`);
};
const bad = (name, why) => {
	failed++;
	console.log(`  FAIL ${name}: ${why}`);
};

function copyDeploy() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-selftest-'));
	cpSync(path.join(deploy, 'k8s'), path.join(dir, 'k8s'), { recursive: true });
	cpSync(path.join(deploy, 'nacos'), path.join(dir, 'nacos'), { recursive: true });
	cpSync(path.join(deploy, 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
	cpSync(path.join(deploy, '.env.example'), path.join(dir, '.env.example'));
	return dir;
}

// in-process (the schema modules load once); status as the CLI would exit
function runValidate(dir) {
	const r = run({ repo, k8s: path.join(dir, 'k8s'), compose: path.join(dir, 'docker-compose.yml'), env: path.join(dir, '.env.example'), nacos: path.join(dir, 'nacos') });
	return { status: r.errors.length ? 1 : 0, stdout: r.errors.map((e) => `ERROR   ${e}`).join('\n'), stderr: '' };
}

function edit(file, from, to) {
	const text = readFileSync(file, 'utf8');
	const next = typeof from === 'string' ? text.replace(from, to) : text.replace(from, to);
	if (next === text) throw new Error(`self-test edit did not apply to ${file}: ${from}`);
	writeFileSync(file, next);
}

// name, how to break the copy, the message validate.mjs must print (null: must pass)
const cases = [
	['untouched copy passes', () => {}, null],
	['k8s schema: replicas is not an integer', (d) => edit(path.join(d, 'k8s', 'gateway.yaml'), 'replicas: 2', 'replicas: two'), /Deployment\/gateway: schema: .*replicas must be integer/],
	['k8s schema: containerPort is not an integer', (d) => edit(path.join(d, 'k8s', 'statistics-service.yaml'), 'containerPort: 8083', 'containerPort: http'), /containerPort must be integer/],
	['k8s schema: unknown kind', (d) => edit(path.join(d, 'k8s', 'ingress.yaml'), 'kind: Ingress', 'kind: Ingres'), /unknown apiVersion\/kind networking.k8s.io\/v1 Ingres/],
	['k8s schema: PDB minAvailable of the wrong type', (d) => edit(path.join(d, 'k8s', 'notification-service.yaml'), 'minAvailable: 1', 'minAvailable: [1]'), /PodDisruptionBudget\/notification-service: schema/],
	['k8s rule: no readiness probe', (d) => edit(path.join(d, 'k8s', 'proposal-service.yaml'), /        readinessProbe:\n(          .*\n)+?(?=        lifecycle:)/, ''), /proposal-service: missing readinessProbe/],
	['k8s rule: maxUnavailable must be 0', (d) => edit(path.join(d, 'k8s', 'department-service.yaml'), 'maxUnavailable: 0', 'maxUnavailable: 1'), /maxUnavailable 0/],
	['k8s rule: a secret value in the template', (d) => edit(path.join(d, 'k8s', 'secret-example.yaml'), 'SERVICE_CLIENT_SECRET: REPLACE_ME', 'SERVICE_CLIENT_SECRET: s3cr3t-value'), /SERVICE_CLIENT_SECRET looks like a real value/],
	['k8s rule: a manifest left out of the kustomization', (d) => edit(path.join(d, 'k8s', 'kustomization.yaml'), '  - ingress.yaml\n', ''), /ingress.yaml is not listed in resources/],
	['compose schema: unknown healthcheck key', (d) => edit(path.join(d, 'docker-compose.yml'), '      start_period: 60s\n', '      start_period: 60s\n      intervall: 5s\n'), /docker-compose.yml: schema: .*additional properties/],
	['compose schema: unknown depends_on condition', (d) => edit(path.join(d, 'docker-compose.yml'), /(department-service:\n\s+condition: )service_healthy/, '$1service_ready'), /docker-compose.yml: schema: /],
	['compose rule: an application in the infra profile', (d) => edit(path.join(d, 'docker-compose.yml'), /(image: \$\{IMAGE_REGISTRY:-cppcc\}\/proposal-service:\$\{IMAGE_TAG:-0.1.0\}\n\s+profiles: )\[all\]/, '$1[infra, all]'), /proposal-service must be in profile all only|depends on department-service, which is not in profile infra/],
	['compose rule: a required secret missing from .env.example', (d) => edit(path.join(d, '.env.example'), /^REDIS_PASSWORD=\n/m, ''), /REDIS_PASSWORD\} is required but not declared/],
	['nacos: a data id missing', (d) => rmSync(path.join(d, 'nacos', 'statistics-service.yaml')), /data ids .*; expected .*statistics-service.yaml/],
	['nacos: a file that is not YAML', (d) => writeFileSync(path.join(d, 'nacos', 'proposal-service.yaml'), 'platform:\n  proposals: [unclosed\n'), /proposal-service.yaml: YAML/],
];

console.log('validate.mjs on broken copies:');
for (const [name, breakIt, expected] of cases) {
	const dir = copyDeploy();
	try {
		breakIt(dir);
		const r = runValidate(dir);
		const out = r.stdout + r.stderr;
		if (expected === null) {
			r.status === 0 ? ok(name) : bad(name, `exit ${r.status}\n${out}`);
		} else if (r.status !== 1) {
			bad(name, `exit ${r.status}, expected 1\n${out}`);
		} else if (!expected.test(out)) {
			bad(name, `no message matching ${expected}\n${out}`);
		} else {
			ok(name);
		}
	} catch (e) {
		bad(name, e.message);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------- publish.sh against a Nacos 3 API stub
// cacheMs: like Nacos's user cache (nacos.core.auth.caching.enabled, reloaded every 15 s), a new user or a new
// password can log in only that long after it was set
function stubNacos(cacheMs = 0) {
	const state = { users: new Map(), admin: null, namespaces: new Set(['public']), configs: new Map(), roles: [], permissions: [], requests: [], loginable: new Map(), pending: [] };
	const setUser = (u, pw) => {
		state.users.set(u, pw);
		state.pending.push({ u, pw, at: Date.now() + cacheMs });
	};
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://stub');
			const p = new URLSearchParams(url.search);
			for (const [k, v] of new URLSearchParams(body)) p.append(k, v);
			const route = `${req.method} ${url.pathname}`;
			state.pending = state.pending.filter((c) => (c.at <= Date.now() ? (state.loginable.set(c.u, c.pw), false) : true));
			state.requests.push(route);
			const send = (code, obj) => {
				res.writeHead(code, { 'content-type': 'application/json' });
				res.end(JSON.stringify(obj));
			};
			const result = (data) => send(200, { code: 0, message: 'success', data });
			const token = p.get('accessToken');
			if (route === 'GET /nacos/v3/admin/core/state/readiness') return result('ok');
			if (route === 'POST /nacos/v3/auth/user/login') {
				const u = p.get('username');
				if (state.loginable.has(u) && state.loginable.get(u) === p.get('password')) {
					return send(200, { accessToken: `tok-${u}`, tokenTtl: 18000, globalAdmin: u === state.admin, username: u });
				}
				return send(403, { code: 403, message: 'user not found!' });
			}
			if (route === 'POST /nacos/v3/auth/user/admin') {
				if (state.admin) return send(409, { code: 409, message: 'have admin user cannot use it.' });
				state.admin = 'nacos';
				setUser('nacos', p.get('password'));
				return result({ username: 'nacos', password: p.get('password') });
			}
			if (token !== `tok-${state.admin}`) return send(403, { code: 403, message: 'authorization failed!' });
			const need = (...names) => names.every((n) => p.get(n) !== null && p.get(n) !== '');
			switch (route) {
				case 'GET /nacos/v3/admin/core/namespace/check':
					return result(state.namespaces.has(p.get('namespaceId')) ? 1 : 0);
				case 'POST /nacos/v3/admin/core/namespace':
					if (!need('namespaceId', 'namespaceName')) return send(400, { code: 400 });
					state.namespaces.add(p.get('namespaceId'));
					return result(true);
				case 'POST /nacos/v3/auth/user':
					if (state.users.has(p.get('username'))) return send(400, { code: 400, message: 'user already exist!' });
					setUser(p.get('username'), p.get('password'));
					return result('create user ok!');
				case 'PUT /nacos/v3/auth/user':
					if (!state.users.has(p.get('username'))) return send(400, { code: 400 });
					setUser(p.get('username'), p.get('newPassword'));
					return result('update user ok!');
				case 'POST /nacos/v3/auth/role':
					state.roles.push(`${p.get('role')}=${p.get('username')}`);
					return result('add role ok!');
				case 'POST /nacos/v3/auth/permission':
					state.permissions.push(`${p.get('role')} ${p.get('resource')} ${p.get('action')}`);
					return result('add permission ok!');
				case 'POST /nacos/v3/admin/cs/config':
					if (!need('dataId', 'groupName', 'namespaceId', 'content')) return send(400, { code: 400, message: 'missing' });
					if (!state.namespaces.has(p.get('namespaceId'))) return send(400, { code: 400, message: 'namespace not exist' });
					state.configs.set(`${p.get('namespaceId')}/${p.get('groupName')}/${p.get('dataId')}`, { content: p.get('content'), type: p.get('type') });
					return result(true);
				default:
					return send(404, { code: 404, message: route });
			}
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, state, port: server.address().port })));
}

function publish(port, env) {
	return new Promise((resolve) => {
		const child = spawn('sh', [path.join(deploy, 'nacos', 'publish.sh'), `127.0.0.1:${port}`, 'cppcc-test', 'TEST_GROUP'], {
			env: { ...process.env, NACOS_WAIT_SECONDS: '10', ...env },
		});
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (out += c));
		child.on('close', (code) => resolve({ code, out }));
	});
}

console.log('publish.sh against a Nacos 3 API stub:');
const { server, state, port } = await stubNacos();
try {
	const env = { NACOS_USERNAME: 'nacos', NACOS_PASSWORD: 'admin-pass', NACOS_INIT_ADMIN: 'true', NACOS_APP_USERNAME: 'platform', NACOS_APP_PASSWORD: 'app-pass' };
	const first = await publish(port, env);
	const files = readdirSync(path.join(deploy, 'nacos')).filter((f) => f.endsWith('.yaml'));
	const allThere = files.every((f) => {
		const c = state.configs.get(`cppcc-test/TEST_GROUP/${f}`);
		return c && c.type === 'yaml' && c.content === readFileSync(path.join(deploy, 'nacos', f), 'utf8');
	});
	first.code === 0 ? ok('first run exits 0') : bad('first run exits 0', first.out);
	state.admin === 'nacos' && state.users.get('nacos') === 'admin-pass' ? ok('initialises the admin password on a fresh Nacos') : bad('admin initialisation', first.out);
	state.namespaces.has('cppcc-test') ? ok('creates the missing namespace') : bad('namespace creation', first.out);
	allThere && state.configs.size === files.length ? ok(`publishes the ${files.length} files byte for byte (type yaml, group, namespace)`) : bad('published content', `${[...state.configs.keys()]}\n${first.out}`);
	state.users.get('platform') === 'app-pass' && state.roles.includes('platform-role=platform') && state.permissions.includes('platform-role cppcc-test:*:* rw')
		? ok("creates the services' user with rw on the namespace only") : bad('app user', JSON.stringify({ roles: state.roles, permissions: state.permissions }));
	const creates = state.requests.filter((r) => r === 'POST /nacos/v3/admin/core/namespace').length;
	const second = await publish(port, { ...env, NACOS_APP_PASSWORD: 'app-pass-2' });
	second.code === 0 && creates === 1 && state.requests.filter((r) => r === 'POST /nacos/v3/admin/core/namespace').length === 1 && state.users.get('platform') === 'app-pass-2'
		? ok('a second run is idempotent (namespace kept, user password reset)') : bad('second run', second.out);
	const wrong = await publish(port, { ...env, NACOS_PASSWORD: 'wrong' });
	wrong.code !== 0 && /cannot log in/.test(wrong.out) ? ok('a wrong admin password fails the run') : bad('wrong password', `exit ${wrong.code}\n${wrong.out}`);
	const usage = await new Promise((resolve) => spawn('sh', [path.join(deploy, 'nacos', 'publish.sh')]).on('close', resolve));
	usage === 2 ? ok('usage error without arguments') : bad('usage', `exit ${usage}`);
} finally {
	server.close();
}
const cached = await stubNacos(4000);
try {
	const env = { NACOS_USERNAME: 'nacos', NACOS_PASSWORD: 'admin-pass', NACOS_INIT_ADMIN: 'true', NACOS_APP_USERNAME: 'platform', NACOS_APP_PASSWORD: 'app-pass' };
	const run = await publish(cached.port, env);
	run.code === 0 && cached.state.configs.size > 0 && cached.state.permissions.includes('platform-role cppcc-test:*:* rw')
		? ok("waits for Nacos's user cache: the new admin and the new services' user log in seconds after creation")
		: bad('user cache', `exit ${run.code}\n${run.out}`);
} finally {
	cached.server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
