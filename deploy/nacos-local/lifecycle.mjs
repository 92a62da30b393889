// The full life of one proposal through the gateway of a platform in DEPLOYMENT mode (no demo data): the first
// administrator (created by department-service from ADMIN_INITIAL_PASSWORD) creates two units and the accounts
// of a member, a committee officer and the lead unit's handler and leader; then submit -> file -> assign -> reply
// -> feedback -> publish, and the published reply is read anonymously.
//
//   node deploy/nacos-local/lifecycle.mjs --gateway http://127.0.0.1:21080 [--admin admin]
//   (environment: ADMIN_INITIAL_PASSWORD = the administrator's password)
//
// Prints "N passed, N failed"; exit 1 when a check fails. Every name carries a random marker, so it can run again
// against the same databases.
import { randomUUID } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const gateway = opt('--gateway', 'http://127.0.0.1:8080');
const adminUser = opt('--admin', 'admin');
const adminPassword = process.env.ADMIN_INITIAL_PASSWORD;
if (!adminPassword) {
	console.error('lifecycle.mjs: set ADMIN_INITIAL_PASSWORD');
	process.exit(2);
}

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
	if (ok) {
		passed++;
		console.log(`  ok   ${name}`);
	} else {
		failed++;
		console.log(`  FAIL ${name} ${detail}`);
	}
	return ok;
};
const finish = () => {
	console.log(`lifecycle: ${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
};

async function call(method, path, token, body, headers = {}) {
	const res = await fetch(gateway + path, {
		method,
		headers: {
			accept: 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body ? { 'content-type': 'application/json' } : {}),
			...headers,
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: res.status, json, text, etag: res.headers.get('etag') };
}
const show = (r) => `${r.status} ${r.text.slice(0, 300)}`;

async function login(username, password) {
	const r = await call('POST', '/api/v1/auth/login', null, { username, password });
	check(`${username} signs in through the gateway`, r.status === 200 && r.json?.accessToken, show(r));
	return r.json?.accessToken;
}

const tag = randomUUID().slice(0, 8);
const marker = `部署检验${tag}`;
const password = `Chk-${tag}-Aa1`;

console.log(`lifecycle through ${gateway} (marker ${marker})`);
const admin = await login(adminUser, adminPassword);
if (!admin) finish();

// organisation: two units and four accounts, created by the administrator
const units = [];
for (const [i, name] of ['省检验工业厅', '省检验数据中心'].entries()) {
	const r = await call('POST', '/api/v1/units', admin, {
		code: `CHK-${tag.toUpperCase()}-${i}`,
		name: `${name}${tag}`,
		type: 'PROVINCIAL_DEPARTMENT',
		responsibilities: `${marker} 安全生产 数据共享`,
	});
	check(`admin creates unit ${name}`, r.status === 201 && r.json?.id, show(r));
	units.push(r.json?.id);
}
const accounts = {
	member: { roles: ['MEMBER'], displayName: '检验委员', sector: '经济界' },
	committee: { roles: ['COMMITTEE'], displayName: '检验提案办' },
	handler: { roles: ['UNIT_HANDLER'], displayName: '检验经办人', unitId: units[0] },
	leader: { roles: ['UNIT_LEADER'], displayName: '检验负责人', unitId: units[0] },
};
const tokens = {};
for (const [key, a] of Object.entries(accounts)) {
	const username = `chk-${key}-${tag}`;
	const r = await call('POST', '/api/v1/users', admin, { username, password, ...a });
	check(`admin creates ${a.roles[0]} account ${username}`, r.status === 201, show(r));
	tokens[key] = await login(username, password);
}
if (failed) finish();

// the proposal
const draft = {
	title: `${marker} 关于加强化工园区安全监管的提案`,
	content: `${marker} 建议完善化工园区安全风险监测预警体系。`,
	category: '经济',
	suggestions: ['建设监测预警平台', '打通部门数据'],
};
const created = await call('POST', '/api/v1/proposals', tokens.member, draft, { 'Idempotency-Key': randomUUID() });
if (!check('the member drafts a proposal (201)', created.status === 201 && created.json?.id, show(created))) finish();
const id = created.json.id;
let etag = created.etag;

async function step(name, who, method, action, body, expectStatus, useEtag = true) {
	const headers = useEtag && etag ? { 'If-Match': etag } : {};
	const r = await call(method, `/api/v1/proposals/${id}/${action}`, tokens[who], body, headers);
	const ok = check(`${name}${expectStatus ? ` -> ${expectStatus}` : ''}`, r.status === 200 && (!expectStatus || r.json?.status === expectStatus), show(r));
	if (r.etag) etag = r.etag;
	if (!ok) finish();
	return r;
}

await step('the member submits', 'member', 'POST', 'submit', null, 'SUBMITTED');
etag = (await call('GET', `/api/v1/proposals/${id}`, tokens.committee)).etag;
await step('the committee files it', 'committee', 'POST', 'review', { decision: 'FILE', category: '经济' }, 'FILED');
await step('the committee assigns it to the lead unit with a co-handling unit', 'committee', 'POST', 'assignment',
	{ mode: 'LEAD', leadUnitId: String(units[0]), coUnitIds: [String(units[1])] }, 'ASSIGNED');
await step('the handler saves the reply', 'handler', 'PUT', 'reply', {
	resultClass: 'B',
	body: `${marker} 答复正文：我厅会同有关部门认真研究。`,
	sections: [
		{ suggestionIndex: 1, text: '已启动监测预警平台建设' },
		{ suggestionIndex: 2, text: '正在打通应急、生态环境数据' },
	],
	signer: '检验厅长',
	contactName: '检验处长',
	contactPhone: '13912345678',
}, null, false);
await step('the unit leader signs and sends it', 'leader', 'POST', 'reply/submit', null, 'REPLIED', false);
await step('the member rates it and it closes', 'member', 'POST', 'feedback', { rating: 'SATISFIED', comment: '办理认真' }, 'CLOSED', false);
await step('the committee publishes it', 'committee', 'POST', 'publication', { level: 'FULL' }, null, false);

const published = await call('GET', `/api/v1/public/replies?q=${encodeURIComponent(marker)}`, null);
check('anyone reads the published reply, personal data masked', published.status === 200 && published.text.includes(marker)
	&& !published.text.includes('13912345678'), show(published));
const history = await call('GET', `/api/v1/proposals/${id}/history`, tokens.member);
check('the history records every step', history.status === 200
	&& ['SUBMITTED', 'FILED', 'ASSIGNED', 'REPLIED', 'CLOSED'].every((s) => history.text.includes(s)), show(history));
finish();
