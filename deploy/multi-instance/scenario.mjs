// Scenario for run-two-instances.sh: proposals through BOTH gateways (each spreads calls over both instances of
// every service), then checks in the shared database that every piece of once-only work happened once.
//   node scenario.mjs --base 28080 --second 28090 --db-port 23306 --logs <dir>
// Prints "N passed, N failed"; exit 1 when a check fails.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const base = Number(opt('--base', 28080));
const second = Number(opt('--second', base + 10));
const dbPort = opt('--db-port', '23306');
const logs = opt('--logs', null);
const password = process.env.DEMO_PASSWORD ?? 'Demo@2026';
const gateways = [`http://127.0.0.1:${base}`, `http://127.0.0.1:${second}`];
const proposalInstances = [`http://127.0.0.1:${base + 2}`, `http://127.0.0.1:${second + 2}`];

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
};

function sql(query) {
	const out = execFileSync('mariadb', ['-h127.0.0.1', `-P${dbPort}`, '-uroot', '-N', '-B', '-e', query], { encoding: 'utf8' });
	return out.trim().split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}
const one = (query) => sql(query)[0]?.[0];

async function call(gw, method, p, token, body, headers = {}) {
	const res = await fetch(gw + p, {
		method,
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
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

async function login(user) {
	const r = await call(gateways[0], 'POST', '/api/v1/auth/login', null, { username: user, password });
	if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${r.text}`);
	return r.json.accessToken;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, test, seconds = 120) {
	const end = Date.now() + seconds * 1000;
	while (Date.now() < end) {
		if (test()) return true;
		await sleep(1000);
	}
	console.log(`  (gave up waiting for ${what})`);
	return false;
}

const member = await login('member1');
const committee = await login('committee1');
const marker = `多实例检验${randomUUID().slice(0, 8)}`;
const ids = [];
console.log('scenario: 4 proposals through both gateways');
for (let i = 0; i < 4; i++) {
	const gw = gateways[i % 2];
	const key = randomUUID();
	const draft = { title: `${marker} 提案${i + 1}`, content: `${marker} 关于优化政务服务的提案内容${i + 1}。`, category: '经济', suggestions: ['建议一', '建议二'] };
	const created = await call(gw, 'POST', '/api/v1/proposals', member, draft, { 'Idempotency-Key': key });
	// the same request again through the OTHER gateway: the idempotency key must give the same proposal
	const again = await call(gateways[(i + 1) % 2], 'POST', '/api/v1/proposals', member, draft, { 'Idempotency-Key': key });
	check(`proposal ${i + 1} created once for one Idempotency-Key across both gateways`, created.status === 201 && again.status === 201 && again.json?.id === created.json?.id, `${created.status} ${again.status} ${created.text.slice(0, 200)}`);
	if (created.status !== 201) continue;
	const id = created.json.id;
	ids.push(id);
	const submitted = await call(gw, 'POST', `/api/v1/proposals/${id}/submit`, member, null, { 'If-Match': created.etag });
	check(`proposal ${i + 1} submitted`, submitted.status === 200, `${submitted.status} ${submitted.text.slice(0, 200)}`);
	// a concurrent second submit through the other gateway: exactly one transition
	const twice = await call(gateways[(i + 1) % 2], 'POST', `/api/v1/proposals/${id}/submit`, member, null, { 'If-Match': created.etag });
	check(`proposal ${i + 1}: the repeated submit is refused (409/412)`, [409, 412].includes(twice.status), `${twice.status}`);
}
for (const [i, id] of ids.slice(0, 2).entries()) {
	const gw = gateways[i % 2];
	const current = await call(gw, 'GET', `/api/v1/proposals/${id}`, committee);
	const filed = await call(gw, 'POST', `/api/v1/proposals/${id}/review`, committee, { decision: 'FILE', category: '经济' }, { 'If-Match': current.etag });
	check(`proposal ${id} filed`, filed.status === 200, `${filed.status} ${filed.text.slice(0, 200)}`);
	const assigned = await call(gateways[(i + 1) % 2], 'POST', `/api/v1/proposals/${id}/assignment`, committee, { mode: 'LEAD', leadUnitId: '2', coUnitIds: ['4'] }, { 'If-Match': filed.etag });
	check(`proposal ${id} assigned`, assigned.status === 200, `${assigned.status} ${assigned.text.slice(0, 200)}`);
}

console.log('checks in the shared database:');
const idList = ids.map((x) => `'${x}'`).join(',') || "''";
// 1. the outbox relay (ShedLock "outbox-relay") numbered every event exactly once: positions 1..N, none missing
await until('the relay to number every event', () => one('SELECT COUNT(*) FROM proposal_service.outbox_event WHERE position IS NULL') === '0', 60);
const events = Number(one('SELECT COUNT(*) FROM proposal_service.outbox_event'));
const maxPos = Number(one('SELECT COALESCE(MAX(position),0) FROM proposal_service.outbox_event'));
const distinctPos = Number(one('SELECT COUNT(DISTINCT position) FROM proposal_service.outbox_event'));
check(`outbox: ${events} events, each numbered once (positions 1..${maxPos})`, events > 0 && maxPos === events && distinctPos === events);
const ours = Number(one(`SELECT COUNT(*) FROM proposal_service.outbox_event WHERE aggregate_id IN (${idList})`));
check(`outbox: the scenario produced events (${ours})`, ours >= ids.length);
// 2. both consumers caught up; the read model holds each proposal once and applied each event once
await until('statistics-service to reach the last position', () => Number(one("SELECT position FROM statistics_service.feed_cursor WHERE name='proposal-events'")) >= maxPos, 120);
await until('notification-service to reach the last position', () => Number(one("SELECT position FROM notification_service.feed_cursor WHERE feed='proposal-events'")) >= maxPos, 120);
check('statistics-service consumed the whole feed', Number(one("SELECT position FROM statistics_service.feed_cursor WHERE name='proposal-events'")) >= maxPos);
check('notification-service consumed the whole feed', Number(one("SELECT position FROM notification_service.feed_cursor WHERE feed='proposal-events'")) >= maxPos);
const facts = Number(one(`SELECT COUNT(*) FROM statistics_service.proposal_fact WHERE proposal_id IN (${idList})`));
check(`statistics: one read-model row per proposal (${facts}/${ids.length})`, facts === ids.length);
const processed = Number(one('SELECT COUNT(*) FROM statistics_service.processed_event'));
check(`statistics: applied events (${processed}) never exceed published ones (${events})`, processed <= events);
// 3. notifications: per (event, recipient) once, and every inbox row comes from a real event
const dupNotes = sql('SELECT event_id, recipient_id FROM notification_service.notification GROUP BY event_id, recipient_id HAVING COUNT(*) > 1');
check('notifications: no (event, recipient) twice', dupNotes.length === 0, JSON.stringify(dupNotes));
const notes = Number(one(`SELECT COUNT(*) FROM notification_service.notification WHERE proposal_id IN (${idList})`));
check(`notifications: the scenario notified someone (${notes})`, notes > 0);
const dupDeliveries = sql('SELECT event_id, recipient, channel FROM notification_service.delivery GROUP BY event_id, recipient, channel HAVING COUNT(*) > 1');
check('deliveries: no (event, recipient, channel) twice', dupDeliveries.length === 0, JSON.stringify(dupDeliveries));
// 4. the scheduled jobs ran under their locks
const locks = sql('SELECT name FROM proposal_service.shedlock UNION ALL SELECT name FROM statistics_service.shedlock UNION ALL SELECT name FROM notification_service.shedlock').map((r) => r[0]);
check(`ShedLock rows exist for the jobs that ran (${locks.join(', ')})`, locks.includes('outbox-relay'));
// 5. full-text search answers the same on both proposal-service instances (index kept per instance)
const answers = [];
for (const inst of proposalInstances) {
	const r = await call(inst, 'GET', `/api/v1/proposals?q=${encodeURIComponent(marker)}&size=50`, committee);
	answers.push(r.status === 200 ? (r.json?.items ?? []).map((p) => p.id).sort().join(',') : `HTTP ${r.status}`);
}
check(`search: both proposal-service instances find all ${ids.length} proposals`, answers.every((a) => a === [...ids].sort().join(',')), JSON.stringify(answers));
// a proposal written exactly once (one request, so one instance handled it) must be found by both instances too,
// within seconds: the other instance's index follows through its InstanceRefresher (relay 200 ms + refresh every 2 s)
const searchBound = 15;
async function foundOnBoth(q, want, token) {
	const start = Date.now();
	let seen = [];
	while (Date.now() - start < searchBound * 1000) {
		seen = [];
		for (const inst of proposalInstances) {
			const r = await call(inst, 'GET', `/api/v1/proposals?q=${encodeURIComponent(q)}&size=50`, token);
			seen.push(r.status === 200 ? (r.json?.items ?? []).map((p) => p.id).join(',') : `HTTP ${r.status}`);
		}
		if (seen.every((x) => x === want)) return { ok: true, seen, ms: Date.now() - start };
		await sleep(200);
	}
	return { ok: false, seen, ms: Date.now() - start };
}
const lone = `单次写入${randomUUID().slice(0, 8)}`;
const single = await call(gateways[0], 'POST', '/api/v1/proposals', member, { title: `${lone} 提案`, content: `${lone} 内容。`, category: '经济', suggestions: ['建议'] }, { 'Idempotency-Key': randomUUID() });
const loneSeen = single.status === 201 ? await foundOnBoth(lone, single.json.id, member) : { ok: false, seen: [], ms: 0 };
check(`search: a proposal written once (one instance) is found by both proposal-service instances within ${searchBound} s (${loneSeen.ms} ms)`, single.status === 201 && loneSeen.ok, JSON.stringify({ created: single.json?.id, seen: loneSeen.seen }));
// an edit of that draft (no event is published for a draft's edit) reaches both indexes as well: new words found
if (single.status === 201) {
	const renamed = `再次编辑${randomUUID().slice(0, 8)}`;
	const edited = await call(gateways[1], 'PUT', `/api/v1/proposals/${single.json.id}`, member, { title: `${renamed} 提案`, content: `${renamed} 内容。`, category: '经济', suggestions: ['建议'] });
	const editSeen = edited.status === 200 ? await foundOnBoth(renamed, single.json.id, member) : { ok: false, seen: [], ms: 0 };
	check(`search: the edited draft is found by its new words on both instances within ${searchBound} s (${editSeen.ms} ms)`, edited.status === 200 && editSeen.ok, JSON.stringify({ status: edited.status, seen: editSeen.seen }));
	const stale = await foundOnBoth(lone, '', member);
	check('search: neither instance still finds the draft by its old words', stale.ok, JSON.stringify(stale.seen));
}
// 6. races caught by unique keys show up in the logs as duplicate-key errors: reported, not failed
if (logs) {
	for (const f of readdirSync(logs).filter((x) => x.endsWith('.log'))) {
		const text = readFileSync(path.join(logs, f), 'utf8');
		const dup = (text.match(/Duplicate entry/g) ?? []).length;
		const errors = (text.match(/^\S+\s+ERROR /gm) ?? []).length;
		if (dup || errors) console.log(`  info ${f}: ${errors} ERROR lines, ${dup} "Duplicate entry"`);
	}
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
