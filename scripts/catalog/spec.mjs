// Reads CloudFormation resource types from @aws-cdk/aws-service-spec's db.json.gz (its own loader needs
// @aws-cdk/service-spec-types' graph API; the plain JSON tables are enough for names and property keys).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

/** @returns {{ version: string, services: { name: string, shortName: string, capitalized: string, namespace: string }[], types: { type: string, properties: string[] }[] }} */
export function readServiceSpec(fromDir = process.cwd()) {
  const require = createRequire(path.join(fromDir, 'package.json'));
  const pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json');
  const dir = path.dirname(pkgJson);
  const version = JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version;
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'db.json.gz'))).toString('utf8'));
  const services = db.schema.service.entities.map((s) => ({
    name: s.name,
    shortName: s.shortName,
    capitalized: s.capitalized,
    namespace: s.cloudFormationNamespace,
  }));
  const types = db.schema.resource.entities
    .map((r) => ({ type: r.cloudFormationType, properties: Object.keys(r.properties ?? {}).sort() }))
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return { version, services, types };
}
