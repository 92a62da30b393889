// Copies the route list of gateway/src/main/resources/application.yml into deploy/nacos/gateway.yaml (the copy
// that is used in deployment), keeping the rest of gateway.yaml and its comments.
//   node deploy/validate/sync-gateway-routes.mjs        (after npm ci --prefix deploy/validate)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(repo, 'gateway', 'src', 'main', 'resources', 'application.yml');
const target = path.join(repo, 'deploy', 'nacos', 'gateway.yaml');
const routesPath = ['spring', 'cloud', 'gateway', 'server', 'webflux', 'routes'];

const routes = parseDocument(readFileSync(source, 'utf8')).getIn(routesPath, true);
if (!routes) {
	console.error(`no ${routesPath.join('.')} in ${source}`);
	process.exit(1);
}
const doc = parseDocument(readFileSync(target, 'utf8'));
doc.setIn(routesPath, routes);
writeFileSync(target, doc.toString({ lineWidth: 0 }));
console.log(`${path.relative(repo, target)}: ${routes.items.length} routes copied from ${path.relative(repo, source)}`);
