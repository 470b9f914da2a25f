'use strict';

/**
 * Checks one HTTP request against the Cloze contract (cloze-contract.json, derived from Cloze's
 * official schema by scripts/derive-contract.js).
 *
 *   const { validateRequest } = require('./validate');
 *   validateRequest({ method: 'POST', path: '/v1/people/create', query: {}, body: {...} })
 *   // -> [] or [{ operation, rule, at, message }]
 *
 * Rules (each violation names the JSON path it is about, e.g. `body.emails[0].kind`):
 *   - operation: the method + path is not an operation of the contract.
 *   - unknown:   a body property the schema does not define (at every depth, `$ref`s resolved,
 *                `allOf` merged, `anyOf`: one alternative must fit; an object schema without
 *                `properties` accepts any names), or a query parameter the operation does not
 *                define (`user`/`api_key`, the apiKey credentials, are valid everywhere).
 *   - type:      a JSON value of another type than the schema's (a number given as "5" passes
 *                only where the schema allows a string); a query value that does not read as its
 *                type on the wire (integer: digits, number: numeric, boolean: true/false); a
 *                query parameter given twice.
 *   - enum:      a value outside the schema's enum (or its `x-enumPatterns`).
 *   - required:  a required property or query parameter is missing, or a required body is absent.
 *   - body:      a body sent to an operation that takes none, or a body that is not an object
 *                where the schema wants one.
 * Form bodies (application/x-www-form-urlencoded) are checked like query strings: names against
 * the body schema's properties, values as wire strings.
 */

const contractFile = require('./cloze-contract.json');

/**
 * @typedef {object} Violation
 * @property {string} operation  "METHOD /path"
 * @property {'operation'|'unknown'|'type'|'enum'|'required'|'body'} rule
 * @property {string} at         JSON path: `query.x`, `body.a[0].b`
 * @property {string} message
 */

/**
 * @typedef {object} RequestToCheck
 * @property {string} method
 * @property {string} path                         path without the query string
 * @property {Record<string, string | string[]>} [query]
 * @property {unknown} [body]                      parsed JSON, a form object, or undefined
 * @property {string} [contentType]                'application/x-www-form-urlencoded' for form
 *                                                  bodies
 */

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeName(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

class Validator {
	/** @param {any} contract */
	constructor(contract = contractFile) {
		this.contract = contract;
	}

	/** Follows `$ref`s and merges `allOf` into one schema. */
	resolve(schema, seen = new Set()) {
		let s = schema || {};
		while (s.$ref) {
			if (seen.has(s.$ref)) break;
			seen.add(s.$ref);
			const name = s.$ref.replace('#/definitions/', '');
			const def = this.contract.definitions[name];
			if (!def) throw new Error(`contract: unresolved ${s.$ref}`);
			const { $ref, ...rest } = s;
			s = { ...def, ...rest };
		}
		if (Array.isArray(s.allOf)) {
			const parts = s.allOf.map((p) => this.resolve(p, new Set(seen)));
			const merged = { ...s };
			delete merged.allOf;
			for (const p of parts) {
				if (p.type && !merged.type) merged.type = p.type;
				if (p.properties) merged.properties = { ...(merged.properties || {}), ...p.properties };
				if (p.required) merged.required = [...new Set([...(merged.required || []), ...p.required])];
				if (p.additionalProperties !== undefined && merged.additionalProperties === undefined) {
					merged.additionalProperties = p.additionalProperties;
				}
				if (p.enum && !merged.enum) merged.enum = p.enum;
				if (p.items && !merged.items) merged.items = p.items;
			}
			s = merged;
		}
		return s;
	}

	/** Types the schema allows; [] = any. */
	types(schema) {
		if (schema.type === undefined) {
			if (schema.properties || schema.additionalProperties !== undefined) return ['object'];
			if (schema.items) return ['array'];
			return [];
		}
		return Array.isArray(schema.type) ? schema.type : [schema.type];
	}

	enumOk(schema, value) {
		if (!Array.isArray(schema.enum) && !schema['x-enumPatterns']) return true;
		if (Array.isArray(schema.enum) && schema.enum.includes(value)) return true;
		return (schema['x-enumPatterns'] || []).some(
			(p) => typeof value === 'string' && new RegExp(p).test(value),
		);
	}

	enumMessage(schema, value) {
		const allowed = [
			...(schema.enum || []),
			...(schema['x-enumPatterns'] || []).map((p) => `/${p}/`),
		];
		return `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`;
	}

	/**
	 * A JSON value against a schema.
	 * @param {any} schema
	 * @param {unknown} value
	 * @param {string} at
	 * @param {(v: Omit<Violation,'operation'>) => void} out
	 */
	value(schema, value, at, out) {
		const s = this.resolve(schema);
		if (Array.isArray(s.anyOf)) {
			// Valid when one alternative is; otherwise the closest alternative's violations.
			const tries = s.anyOf.map((alt) => {
				const found = [];
				this.value(alt, value, at, (v) => found.push(v));
				return found;
			});
			// An alternative of the value's own type explains the breach better than one of another.
			const typeMiss = (found) => found.some((v) => v.rule === 'type' && v.at === at);
			const score = (found) => (typeMiss(found) ? 1e6 : 0) + found.length;
			const best = tries.reduce((a, b) => (score(b) < score(a) ? b : a));
			best.forEach(out);
			return;
		}
		const types = this.types(s);
		const actual = typeName(value);
		if (types.length) {
			const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
			if (!ok) {
				out({
					rule: 'type',
					at,
					message: `${actual} given, the schema wants ${types.join(' or ')}`,
				});
				return;
			}
		}
		if (!this.enumOk(s, value)) out({ rule: 'enum', at, message: this.enumMessage(s, value) });
		if (actual === 'array' && s.items) {
			/** @type {unknown[]} */ (value).forEach((item, i) =>
				this.value(s.items, item, `${at}[${i}]`, out),
			);
		}
		if (actual === 'object')
			this.object(s, /** @type {Record<string, unknown>} */ (value), at, out);
	}

	/** Properties of an object: unknown names, required names, each value. */
	object(s, obj, at, out) {
		const props = s.properties || {};
		for (const name of s.required && Array.isArray(s.required) ? s.required : []) {
			if (obj[name] === undefined)
				out({
					rule: 'required',
					at: `${at}.${name}`,
					message: `required property "${name}" is missing`,
				});
		}
		const open = !s.properties && s.additionalProperties === undefined;
		for (const [name, v] of Object.entries(obj)) {
			const where = `${at}.${name}`;
			if (Object.prototype.hasOwnProperty.call(props, name)) this.value(props[name], v, where, out);
			else if (isObject(s.additionalProperties)) this.value(s.additionalProperties, v, where, out);
			else if (open || s.additionalProperties === true) continue;
			else
				out({
					rule: 'unknown',
					at: where,
					message: `"${name}" is not a property the schema defines here`,
				});
		}
	}

	/** A string from the wire (query, form) against a schema. */
	wire(schema, raw, at, out) {
		const s = this.resolve(schema);
		if (Array.isArray(raw)) {
			if (!this.types(s).includes('array')) {
				out({
					rule: 'type',
					at,
					message:
						`given ${raw.length} times, the schema wants one ` +
						`${this.types(s).join(' or ') || 'value'}`,
				});
				return;
			}
			raw.forEach((r, i) => this.wire(s.items || {}, r, `${at}[${i}]`, out));
			return;
		}
		const types = this.types(s);
		const reads = {
			string: () => true,
			integer: () => /^-?\d+$/.test(raw),
			number: () => raw.trim() !== '' && Number.isFinite(Number(raw)),
			boolean: () => raw === 'true' || raw === 'false',
			array: () => true,
			object: () => false,
		};
		if (types.length && !types.some((t) => (reads[t] || (() => false))())) {
			out({
				rule: 'type',
				at,
				message: `${JSON.stringify(raw)} does not read as ${types.join(' or ')}`,
			});
			return;
		}
		if (!this.enumOk(s, raw)) out({ rule: 'enum', at, message: this.enumMessage(s, raw) });
	}

	/**
	 * @param {RequestToCheck} req
	 * @returns {Violation[]}
	 */
	request(req) {
		const method = String(req.method || 'GET').toUpperCase();
		const operation = `${method} ${req.path}`;
		/** @type {Violation[]} */
		const violations = [];
		const out = (/** @type {Omit<Violation,'operation'>} */ v) =>
			violations.push({ operation, ...v });
		const op = this.contract.operations[operation];
		if (!op) {
			out({
				rule: 'operation',
				at: '',
				message: `${operation} is not an operation of the Cloze API`,
			});
			return violations;
		}
		const query = req.query || {};
		for (const [name, raw] of Object.entries(query)) {
			const param = op.query[name] || this.contract.globalQuery[name];
			if (!param) {
				out({
					rule: 'unknown',
					at: `query.${name}`,
					message: `query parameter "${name}" is not defined for ${operation}`,
				});
				continue;
			}
			this.wire(param, raw, `query.${name}`, out);
		}
		for (const [name, param] of Object.entries(op.query)) {
			if (param.required === true && query[name] === undefined) {
				out({
					rule: 'required',
					at: `query.${name}`,
					message: `required query parameter "${name}" is missing`,
				});
			}
		}
		const body = req.body;
		const empty =
			body === undefined ||
			body === '' ||
			(isObject(body) && Object.keys(body).length === 0 && !op.body);
		if (!op.body) {
			if (!empty) out({ rule: 'body', at: 'body', message: `${operation} takes no body` });
			return violations;
		}
		if (body === undefined || body === '') {
			if (op.body['x-required'])
				out({ rule: 'required', at: 'body', message: `${operation} requires a body` });
			return violations;
		}
		const form = /application\/x-www-form-urlencoded/i.test(req.contentType || '');
		if (form && isObject(body)) {
			const s = this.resolve(op.body);
			const props = s.properties || {};
			for (const [name, raw] of Object.entries(body)) {
				const schema =
					props[name] || (isObject(s.additionalProperties) ? s.additionalProperties : undefined);
				if (!schema)
					out({
						rule: 'unknown',
						at: `body.${name}`,
						message: `"${name}" is not a property the schema defines here`,
					});
				else this.wire(schema, /** @type {any} */ (raw), `body.${name}`, out);
			}
			for (const name of Array.isArray(s.required) ? s.required : []) {
				if (body[name] === undefined)
					out({
						rule: 'required',
						at: `body.${name}`,
						message: `required property "${name}" is missing`,
					});
			}
			return violations;
		}
		if (typeof body === 'string') {
			out({ rule: 'body', at: 'body', message: 'the body is not JSON' });
			return violations;
		}
		this.value(op.body, body, 'body', out);
		return violations;
	}

	/**
	 * A response body against the operation's response schema (the simulator's own tests use it).
	 * @param {string} method @param {string} path @param {unknown} body
	 * @returns {Violation[]}
	 */
	response(method, path, body) {
		const operation = `${String(method).toUpperCase()} ${path}`;
		const op = this.contract.operations[operation];
		/** @type {Violation[]} */
		const violations = [];
		const out = (/** @type {Omit<Violation,'operation'>} */ v) =>
			violations.push({ operation, ...v });
		if (!op)
			out({
				rule: 'operation',
				at: '',
				message: `${operation} is not an operation of the Cloze API`,
			});
		else if (op.response) this.value(op.response, body, 'response', out);
		return violations;
	}
}

const defaultValidator = new Validator();

/** @param {RequestToCheck} req @returns {Violation[]} */
const validateRequest = (req) => defaultValidator.request(req);
/** @param {string} method @param {string} path @param {unknown} body @returns {Violation[]} */
const validateResponse = (method, path, body) => defaultValidator.response(method, path, body);

module.exports = { Validator, validateRequest, validateResponse, contract: contractFile };
