#!/usr/bin/env node
'use strict';

/**
 * Derives the Cloze API contract the tests check every request against, from Cloze's official
 * schema (a Swagger 2.0 file):
 *
 *   node scripts/derive-contract.js <path-to-cloze-swagger.json>
 *   npm run contract:derive -- <path-to-cloze-swagger.json>
 *
 * Writes test/contract/cloze-contract.json (committed: the tests never need the swagger) and
 * test/contract/endpoints.txt (the one list of endpoints, "METHOD /path" a line).
 *
 * The contract keeps, per operation, the query parameters (name, type, enum, required), the
 * request body schema and the response schema, plus every definition they reference (kept as
 * `$ref`). Descriptions and examples are dropped. Where the swagger is not valid JSON Schema, the
 * script normalises it in the one way the schema's own text allows, and lists each such reading in
 * the contract's `notes` (nothing is loosened beyond what the schema says):
 *   - type "float" -> "number"; "string, yyyy-MM-dd format" -> string + format date; "string," ->
 *     string; `items: "string"` and `additionalProperties: "boolean"` (a type name instead of a
 *     schema) -> `{type: ...}`.
 *   - an enum value that is a placeholder (`hierarchy:/X/Y/Z`, `hierarchy:X/Y/Z/*`) becomes a
 *     pattern in `x-enumPatterns` (any hierarchy path, with or without the trailing `/*`).
 *   - a body property named `exampleQueryName` (the analytics endpoints: "one or more named
 *     queries") -> `additionalProperties` of that schema; a second `in: body` parameter (funnel's
 *     `usertags`) becomes a property of the one body object.
 *   - the `stage` query parameter: `none` and `any` (documented in its text) join the enum, and on
 *     the project endpoints ProjectRef's stages too (the parameter serves "person, project or
 *     company", its enum lists only people's stages).
 *   - the analytics bodies are {"queries": {"NAME": query}} (funnel: plus "usertags"), as the
 *     schema's request examples send them; ProjectQuery gains the fields its example gives each
 *     query (mode, scale, relative).
 *   - team member update: `customFields` is one CustomField in the schema, an array in its
 *     example: either is accepted (`anyOf`).
 *   - `APIFilter` names only `person` next to `changes`; webhook filters for company and project
 *     events carry the same fragment under `company` / `project`, so both are added there. The
 *     fragment's values are any JSON (the schema's own example matches `{"first": "Tom"}`).
 *   - `hierarchy:.../*` placeholders also match the root (`hierarchy:/*`, the whole hierarchy).
 *   - an endpoint whose description says it "supports the major query(segment, stage, step)"
 *     (the companies feed) gets the shared `step` parameter its parameter list leaves out.
 */

const fs = require('fs');
const path = require('path');

const OUT_DIR = path.join(__dirname, '..', 'test', 'contract');
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
const KEEP = new Set([
	'type',
	'format',
	'enum',
	'items',
	'properties',
	'additionalProperties',
	'required',
	'allOf',
	'$ref',
	'default',
	'title',
	'anyOf',
	'x-enumPatterns',
	'x-swaggerType',
	'x-note',
]);
const PLACEHOLDER_ENUM = /X\/Y\/Z/;
const HIERARCHY_PATTERN = '^hierarchy:/?[^/*]+(/[^/*]+)*$';
// `/*` below a path, or below the root (`hierarchy:/*`: the whole hierarchy).
const HIERARCHY_BELOW_PATTERN = '^hierarchy:/?([^/*]+(/[^/*]+)*)?/\\*$';

/** @type {Set<string>} */
const notes = new Set();

/** Normalise one swagger type into JSON Schema. */
function normaliseType(schema, where) {
	const t = schema.type;
	if (t === 'float') {
		notes.add(`${where}: type "float" read as "number"`);
		return { type: 'number', 'x-swaggerType': t };
	}
	if (typeof t === 'string' && /^string,/.test(t)) {
		const out = { type: 'string', 'x-swaggerType': t };
		if (/yyyy-MM-dd/.test(t)) out.format = 'date';
		notes.add(`${where}: type "${t}" read as "string"`);
		return out;
	}
	return t === undefined ? {} : { type: t };
}

/** Strip a swagger schema to the contract's keys, normalising what is not JSON Schema. */
function clean(schema, where) {
	if (typeof schema === 'string') {
		notes.add(`${where}: the type name "${schema}" given as a schema read as {type: "${schema}"}`);
		return { type: schema };
	}
	if (!schema || typeof schema !== 'object') return {};
	const out = normaliseType(schema, where);
	for (const [key, value] of Object.entries(schema)) {
		if (!KEEP.has(key) || key === 'type') continue;
		if (key === 'format' && out.format) continue;
		if (key === 'properties') {
			out.properties = {};
			for (const [name, prop] of Object.entries(value)) {
				if (name === 'exampleQueryName') {
					out.additionalProperties = clean(prop, `${where}.${name}`);
					notes.add(
						`${where}: property "exampleQueryName" read as additionalProperties (any query name)`,
					);
					continue;
				}
				out.properties[name] = clean(prop, `${where}.${name}`);
			}
		} else if (key === 'items' || key === 'additionalProperties') {
			out[key] = typeof value === 'boolean' ? value : clean(value, `${where}.${key}`);
		} else if (key === 'allOf') {
			out.allOf = value.map((s, i) => clean(s, `${where}.allOf[${i}]`));
		} else if (key === 'enum') {
			const literal = value.filter((v) => !(typeof v === 'string' && PLACEHOLDER_ENUM.test(v)));
			const placeholders = value.filter((v) => typeof v === 'string' && PLACEHOLDER_ENUM.test(v));
			out.enum = literal;
			if (placeholders.length) {
				out['x-enumPatterns'] = placeholders.map((p) =>
					p.endsWith('/*') ? HIERARCHY_BELOW_PATTERN : HIERARCHY_PATTERN,
				);
				notes.add(
					`${where}: placeholder enum values ${placeholders.join(', ')} read as patterns ` +
						'of hierarchy paths',
				);
			}
		} else {
			out[key] = value;
		}
	}
	if (out.properties && Object.keys(out.properties).length === 0 && out.additionalProperties)
		delete out.properties;
	return out;
}

/**
 * The shared `stage` query parameter: its text documents `none` and `any` beside the enum, and
 * it serves the project endpoints too, whose stages are ProjectRef's (future, current, won, lost).
 */
function widenStageEnum(swagger, key, param, q) {
	if (param.name !== 'stage' || !Array.isArray(q.enum)) return;
	const extra = [];
	if (/`none`/.test(param.description || '')) extra.push('none');
	if (/`any`/.test(param.description || '')) extra.push('any');
	if (key.includes('/v1/projects/')) {
		const projectStages =
			(((swagger.definitions.ProjectRef || {}).properties || {}).stage || {}).enum || [];
		extra.push(...projectStages);
		notes.add(
			`${key} ?stage: ProjectRef's stages (${projectStages.join(', ')}) added (the ` +
				'parameter serves projects)',
		);
	}
	q.enum = [...new Set([...q.enum, ...extra])];
	notes.add(
		`${key} ?stage: "none" and "any" added to the enum (documented in the parameter's description)`,
	);
}

function resolveParam(swagger, param) {
	if (param && param.$ref) {
		const name = param.$ref.replace('#/parameters/', '');
		const p = swagger.parameters[name];
		if (!p) throw new Error(`Unresolved parameter ${param.$ref}`);
		return p;
	}
	return param;
}

function collectRefs(node, into) {
	if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, into));
	if (!node || typeof node !== 'object') return;
	for (const [k, v] of Object.entries(node)) {
		if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/definitions/', ''));
		else collectRefs(v, into);
	}
}

function derive(swagger) {
	/** @type {Record<string, any>} */
	const operations = {};
	for (const [p, item] of Object.entries(swagger.paths)) {
		for (const method of METHODS) {
			const op = item[method];
			if (!op) continue;
			const key = `${method.toUpperCase()} ${p}`;
			const query = {};
			const bodies = [];
			for (const raw of op.parameters || []) {
				const param = resolveParam(swagger, raw);
				if (param.in === 'query') {
					const q = clean(param, `${key} ?${param.name}`);
					if (param.required) q.required = true;
					widenStageEnum(swagger, key, param, q);
					query[param.name] = q;
				} else if (param.in === 'body') {
					bodies.push(param);
				} else {
					throw new Error(`${key}: parameter in ${param.in} not handled`);
				}
			}
			if (
				/major query\(segment, stage, step\)/.test(op.description || '') &&
				!query.step &&
				swagger.parameters.step
			) {
				query.step = clean(resolveParam(swagger, { $ref: '#/parameters/step' }), `${key} ?step`);
				notes.add(`${key} ?step: added (its description names step among the filters it supports)`);
			}
			let body = null;
			const namedQueries = bodies.find(
				(b) =>
					b.name === 'queries' &&
					b.schema &&
					b.schema.properties &&
					b.schema.properties.exampleQueryName,
			);
			if (namedQueries) {
				// The schema's own request examples wrap the map: {"queries": {"NAME": {...}}}; with a
				// second body parameter (funnel's usertags) each parameter is a key of the body.
				body = { type: 'object', properties: {}, required: [] };
				for (const b of bodies) {
					body.properties[b.name] = clean(
						b.schema || { type: b.type, items: b.items },
						`${key} body.${b.name}`,
					);
					if (b.required) body.required.push(b.name);
				}
				body['x-required'] = true;
				notes.add(
					`${key}: body read as {${bodies.map((b) => b.name).join(', ')}} (each body ` +
						"parameter a key), as the schema's request examples send it",
				);
			} else if (bodies.length === 1) {
				body = clean(bodies[0].schema, `${key} body`);
				if (bodies[0].required) body['x-required'] = true;
			} else if (bodies.length > 1) {
				// Swagger 2.0 allows one body: the others are properties of the same object.
				const main = bodies.find((b) => b.schema) || bodies[0];
				body = clean(main.schema, `${key} body`);
				body.properties = body.properties || {};
				for (const extra of bodies) {
					if (extra === main) continue;
					body.properties[extra.name] = clean(
						extra.schema || { type: extra.type, items: extra.items },
						`${key} body.${extra.name}`,
					);
					notes.add(`${key}: body parameter "${extra.name}" read as a property of the body object`);
				}
				if (main.required) body['x-required'] = true;
			}
			const ok = op.responses && op.responses['200'];
			operations[key] = {
				query,
				body,
				response: ok && ok.schema ? clean(ok.schema, `${key} response`) : null,
			};
		}
	}
	const wanted = new Set();
	collectRefs(operations, wanted);
	const definitions = {};
	const queue = [...wanted];
	while (queue.length) {
		const name = queue.shift();
		if (definitions[name]) continue;
		const def = swagger.definitions[name];
		if (!def) throw new Error(`Unresolved definition ${name}`);
		definitions[name] = clean(def, `#/definitions/${name}`);
		const more = new Set();
		collectRefs(definitions[name], more);
		for (const m of more) if (!definitions[m]) queue.push(m);
	}
	const example = (p, m = 'post') =>
		((((swagger.paths[p] || {})[m] || {}).parameters || [])[0] || {}).schema?.example;
	// ProjectQuery: the schema's request example for /v1/analytics/projects gives each query
	// mode, scale and relative beside always and metrics.
	const projectExample = example('/v1/analytics/projects');
	if (definitions.ProjectQuery && projectExample && projectExample.queries) {
		const q = Object.values(projectExample.queries)[0] || {};
		for (const [name, v] of Object.entries(q)) {
			if (definitions.ProjectQuery.properties[name]) continue;
			definitions.ProjectQuery.properties[name] = {
				type: typeof v === 'number' ? 'number' : typeof v,
				'x-note': "from the schema's request example",
			};
			notes.add(
				`#/definitions/ProjectQuery.${name}: added from the schema's request example of ` +
					'/v1/analytics/projects',
			);
		}
	}
	// Team member update: the schema gives customFields one CustomField, its example an array.
	const tm = operations['POST /v1/team/members/update'];
	const tmExample = example('/v1/team/members/update');
	if (
		tm &&
		tm.body &&
		tm.body.properties.customFields &&
		tmExample &&
		Array.isArray(tmExample.customFields)
	) {
		const one = tm.body.properties.customFields;
		// The example's entries are {id, name, value}: CustomField's properties plus name, no type.
		const cf = definitions.CustomField || swagger.definitions.CustomField;
		const entry = {
			type: 'object',
			properties: {
				...clean(cf, '#/definitions/CustomField').properties,
				name: { type: 'string' },
			},
			required: ['id'],
			'x-note':
				"an entry as the schema's example gives it: " +
				"CustomField's properties and name; type not required",
		};
		tm.body.properties.customFields = {
			anyOf: [one, { type: 'array', items: entry }],
			'x-note': 'schema: one CustomField; its example: an array of {id, name, value}',
		};
		notes.add(
			'POST /v1/team/members/update body.customFields: one CustomField (schema) or an ' +
				'array of {id, name?, value…} entries without a required type (its example)',
		);
	}
	if (definitions.APIFilter && definitions.APIFilter.properties) {
		// "JSON fragments to match against the person record": the schema's example matches
		// {"person": {"first": "Tom"}}, so a fragment's values are any JSON (a string there), not
		// only objects as `additionalProperties: "object"` would say.
		const person = {
			type: 'object',
			'x-note':
				'a fragment of the relation record: ' +
				'any JSON values (the schema\'s example: {"first": "Tom"})',
		};
		definitions.APIFilter.properties.person = person;
		notes.add(
			'#/definitions/APIFilter.person: a record fragment, values of any type (the ' +
				'schema\'s example {"person": {"first": "Tom"}}; additionalProperties "object" not ' +
				'applied)',
		);
		definitions.APIFilter.properties.company = { ...person };
		definitions.APIFilter.properties.project = { ...person };
		definitions.APIFilter['x-note'] =
			'company and project added beside person: the relation fragment of a company / project event';
		notes.add(
			'#/definitions/APIFilter: "company" and "project" added beside "person" (the ' +
				"fragment of the event's relation)",
		);
	}
	// Credentials in the query (the apiKey security definition): valid on every operation.
	const globalQuery = {};
	for (const name of ['user', 'api_key']) {
		if (swagger.parameters[name]) globalQuery[name] = clean(swagger.parameters[name], `?${name}`);
	}
	const sortedOps = Object.fromEntries(
		Object.keys(operations)
			.sort()
			.map((k) => [k, operations[k]]),
	);
	const sortedDefs = Object.fromEntries(
		Object.keys(definitions)
			.sort()
			.map((k) => [k, definitions[k]]),
	);
	return {
		source: {
			title: swagger.info && swagger.info.title,
			version: swagger.info && swagger.info.version,
			file: 'Cloze official schema (Swagger 2.0)',
			derivedBy: 'scripts/derive-contract.js',
		},
		notes: [...notes].sort(),
		globalQuery,
		operations: sortedOps,
		definitions: sortedDefs,
	};
}

function main() {
	const file = process.argv[2];
	if (!file) {
		process.stderr.write('usage: node scripts/derive-contract.js <path-to-cloze-swagger.json>\n');
		process.exit(2);
	}
	const swagger = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (swagger.swagger !== '2.0' || !swagger.paths)
		throw new Error(`${file} is not a Swagger 2.0 schema`);
	const contract = derive(swagger);
	fs.mkdirSync(OUT_DIR, { recursive: true });
	fs.writeFileSync(
		path.join(OUT_DIR, 'cloze-contract.json'),
		`${JSON.stringify(contract, null, '\t')}\n`,
	);
	fs.writeFileSync(
		path.join(OUT_DIR, 'endpoints.txt'),
		`${Object.keys(contract.operations).join('\n')}\n`,
	);
	process.stdout.write(
		`wrote test/contract/cloze-contract.json (${Object.keys(contract.operations).length} ` +
			'operations, ' +
			`${Object.keys(contract.definitions).length} definitions) and test/contract/endpoints.txt\n`,
	);
}

if (require.main === module) main();

module.exports = { derive };
