'use strict';
/*
 * Deliveries sent straight to an active Cloze Trigger's webhook URL in a real n8n: genuine ones, as
 * Cloze sends them (the target URL with its secret, `X-Cloze-Subscription-ID`, a JSON array of
 * changed relations), and a generated set of forged ones. Shared by the end-to-end suite
 * (scripts/e2e/run.js) and the webhook benchmark (bench/n8n-webhook.js).
 *
 * Only 127.0.0.1 is ever a target. Every loop is bounded: a fixed list of requests, a fixed number
 * in flight, a timeout per request and a deadline after which no new request starts.
 */
const http = require('node:http');
const zlib = require('node:zlib');
const { performance } = require('node:perf_hooks');

const HOST = '127.0.0.1';
const MB = 1024 * 1024;
/** Connections are not reused (Cloze opens one per delivery); no cap on parallel sockets here,
 * the callers bound how many requests are in flight. */
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function checkHost(url) {
	const u = new URL(url);
	if (u.hostname !== HOST)
		throw new Error(`refusing to send to ${u.host}: only ${HOST} is a target`);
	return u;
}

/**
 * Where a subscription listed by the simulator delivers: its URL (with the secret), id and secret.
 */
function targetOf(subscription) {
	const url = checkHost(subscription.target_url);
	return {
		url: url.toString(),
		subscriptionId: subscription.uniqueid ?? subscription.uniqueId,
		secret: url.searchParams.get('secret') || '',
		clientReference: subscription.client_reference,
	};
}

/**
 * One HTTP request; never throws. Resolves with {status, contentType, text (first 64 KiB), ms,
 * error?}: `ms` from the first byte written to the end of the answer. `status` 0: no answer.
 */
function send({ url, method = 'POST', headers = {}, body, timeoutMs = 30000 }) {
	let u;
	try {
		u = checkHost(url);
	} catch (e) {
		return Promise.resolve({ status: 0, contentType: '', text: '', ms: 0, error: e.message });
	}
	const payload =
		body === undefined
			? undefined
			: Buffer.isBuffer(body)
				? body
				: Buffer.from(String(body), 'utf8');
	const h = { ...headers };
	if (payload && h['content-length'] === undefined) h['content-length'] = String(payload.length);
	return new Promise((resolve) => {
		const started = performance.now();
		let settled = false;
		let answered = false;
		const done = (r) => {
			if (settled) return;
			settled = true;
			resolve({ contentType: '', text: '', ...r, ms: performance.now() - started });
		};
		const req = http.request(u, { method, headers: h, agent, timeout: timeoutMs });
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (e) => {
			// A server that answers early (413) and closes while the body is still being written makes
			// the write fail; its answer may still arrive: give it a moment.
			if (answered) return;
			setTimeout(() => done({ status: 0, error: e.message }), 500);
		});
		req.on('response', (res) => {
			answered = true;
			const chunks = [];
			let size = 0;
			res.on('data', (c) => {
				if (size < 65536) chunks.push(c);
				size += c.length;
			});
			const finish = (error) =>
				done({
					status: res.statusCode,
					contentType: String(res.headers['content-type'] || ''),
					text: Buffer.concat(chunks).toString('utf8').slice(0, 65536),
					error,
				});
			res.on('end', () => finish());
			res.on('error', (e) => finish(e.message));
			res.on('close', () =>
				finish(res.complete ? undefined : 'connection closed before the end of the answer'),
			);
		});
		req.end(payload);
	});
}

/**
 * Runs `fn(item, index)` over `items` with at most `concurrency` in flight. No request starts after
 * `deadlineMs`; results of items never started stay `undefined`.
 */
async function pool(items, concurrency, fn, { deadlineMs = 120000 } = {}) {
	const results = new Array(items.length);
	const end = Date.now() + deadlineMs;
	let next = 0;
	const worker = async () => {
		while (next < items.length && Date.now() < end) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
	);
	return results;
}

/** Delivery headers as Cloze sends them. */
function clozeHeaders(target, extra = {}) {
	const h = {
		'content-type': 'application/json',
		'x-cloze-subscription-id': target.subscriptionId,
	};
	if (target.clientReference) h['x-cloze-client-reference'] = target.clientReference;
	return { ...h, ...extra };
}

/**
 * Fields of a person as Cloze delivers one (seed it in the simulator with these as defaults: its
 * public record is then ~800 bytes, a delivery ~1 kB).
 */
const PERSON_DEFAULTS = {
	segment: 'customer',
	stage: 'lead',
	step: 's-00001',
	title: 'Head of Operations',
	company: 'Acme Realty',
	location: 'Boston, MA',
	phones: [
		{ value: '+1 617 555 0101', mobile: true },
		{ value: '+1 617 555 0199', work: true },
	],
	addresses: [
		{ street: '10 Main St', city: 'Boston', state: 'MA', zip: '02110', country: 'US', work: true },
	],
	keywords: ['open-house', 'referral'],
	customFields: [
		{ id: 'lead-source', value: 'referral' },
		{ id: 'meeting-limit', value: 5 },
		{ id: 'words-of-wisdom', value: 'Measure twice, cut once.' },
	],
	assignee: 'carla@incfire.com',
	social: [{ value: 'https://www.linkedin.com/in/example', type: 'linkedin' }],
};

/**
 * The body of a genuine `person.audit.change` delivery: one person moved from Lead to Active (a
 * record as the simulator lists it, renamed `<label> <n>` so that each delivery can be found in its
 * execution).
 */
function genuineBody(record, n, label = 'Delivery') {
	return [
		{
			person: { ...record, stage: 'current', name: `${label} ${String(n).padStart(4, '0')}` },
			changes: { stage: { before: 'lead', after: 'current' } },
			event: 'person.audit.change',
		},
	];
}

/** A genuine delivery request. */
function genuineRequest(target, record, n, label) {
	return {
		url: target.url,
		method: 'POST',
		headers: clozeHeaders(target),
		body: JSON.stringify(genuineBody(record, n, label)),
	};
}

/** Deterministic pseudo-random numbers (mulberry32), so the forged set is the same on every run. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** What the suite expects n8n to answer, by who answers. */
const ANSWERS = {
	/** The trigger refuses: wrong or missing secret. */
	unauthorized: { status: 401, text: 'Unauthorized', contentType: 'text/plain', by: 'trigger' },
	/** The trigger refuses: wrong or missing subscription id. */
	forbidden: { status: 403, text: 'Forbidden', contentType: 'text/plain', by: 'trigger' },
	/** Verified, acknowledged, but nothing in it to run on. */
	ok: { status: 200, text: 'OK', contentType: 'text/plain', by: 'trigger' },
	/** n8n itself: no webhook for this method or path. */
	notRegistered: { status: 404, by: 'n8n' },
	/** n8n itself: a JSON (or XML) content type whose body does not parse. */
	unparsable: { status: 422, by: 'n8n' },
};
/**
 * n8n itself: a body larger than N8N_PAYLOAD_SIZE_MAX (16 MiB), also once inflated. n8n reads the
 * body while it handles the webhook, before the trigger runs, and answers 413, or 500 "There was a
 * problem executing the workflow" (n8n 2.41: the PayloadTooLargeError is wrapped).
 */
ANSWERS.tooLarge = { by: 'n8n', oneOf: [{ status: 413 }, { status: 500 }] };
/**
 * n8n itself holds an XML request without answering (seen now and then with n8n 2.41.1: its XML
 * body parser never hands the request on, so neither n8n nor the trigger answers, and nothing
 * runs). The sender gives up after its timeout (status 0).
 */
ANSWERS.heldByN8n = { status: 0, timedOut: true, by: 'n8n' };
/**
 * XML that does not parse: n8n answers 422, or its shared XML parser lets it through to the
 * trigger.
 */
ANSWERS.badXml = { by: 'n8n', oneOf: [ANSWERS.unparsable, ANSWERS.ok, ANSWERS.heldByN8n] };
/** XML that parses: not an array of relations, so the trigger answers OK and runs nothing. */
ANSWERS.xml = { by: 'n8n', oneOf: [ANSWERS.ok, ANSWERS.heldByN8n] };

/**
 * A generated set of forged deliveries to `target` (at least 500): each {category, request,
 * expect}. None may start an execution. Large bodies are shared buffers (a few MB each).
 */
function forgedDeliveries(target, record) {
	const rnd = prng(0xc1023);
	const pick = (chars, n) =>
		Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join('');
	const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const HEX = '0123456789abcdef';
	const flip = (s, i, chars) => {
		const at = i % s.length;
		const c = s[at];
		const other =
			chars[(chars.indexOf(c) + 1 + Math.floor(rnd() * (chars.length - 1))) % chars.length];
		return (
			s.slice(0, at) +
			(other === c ? chars[(chars.indexOf(c) + 1) % chars.length] : other) +
			s.slice(at + 1)
		);
	};
	const base = new URL(target.url);
	const urlWith = (query) => {
		const u = new URL(base);
		u.search = query;
		return u.toString();
	};
	const secretUrl = (value) => urlWith(`secret=${encodeURIComponent(value)}`);
	const json = { 'content-type': 'application/json' };
	const id = { 'x-cloze-subscription-id': target.subscriptionId };
	const valid = JSON.stringify(genuineBody(record, 0, 'Forged'));
	const list = [];
	const add = (category, expect, request) =>
		list.push({ category, expect, request: { method: 'POST', url: target.url, ...request } });

	// Bodies that would run the workflow if they got through, and two that would not.
	const payloads = [
		['a changed person', valid],
		['an empty array', '[]'],
		['an object', JSON.stringify({ person: record })],
	];

	// 1. Wrong subscription id (right secret): 44 ids x 3 bodies.
	const wrongIds = [
		...Array.from({ length: 18 }, () => pick(B64, target.subscriptionId.length)),
		...Array.from({ length: 10 }, (_, i) => flip(target.subscriptionId, i * 9 + 1, B64)),
		...[1, 10, 43, 85].map((n) => target.subscriptionId.slice(0, n)),
		`${target.subscriptionId}x`,
		`x${target.subscriptionId}`,
		target.subscriptionId.toUpperCase(),
		target.subscriptionId.toLowerCase(),
		`${target.subscriptionId}, ${target.subscriptionId}`,
		target.secret,
		'undefined',
		'null',
		'*',
		'0',
		[target.subscriptionId, target.subscriptionId],
		['forged', target.subscriptionId],
	];
	for (const wrong of wrongIds) {
		for (const [what, body] of payloads) {
			add(`wrong subscription id, ${what}`, ANSWERS.forbidden, {
				headers: { ...json, 'x-cloze-subscription-id': wrong },
				body,
			});
		}
	}
	// 2. No subscription id (right secret): 10 ways x 3 bodies.
	const noIdHeaders = [
		{},
		{ 'x-cloze-subscription': target.subscriptionId },
		{ 'x-cloze-subscriptionid': target.subscriptionId },
		{ 'x-subscription-id': target.subscriptionId },
		{ 'x-cloze-client-reference': target.clientReference || 'n8n' },
		{ authorization: `Bearer ${target.subscriptionId}` },
		{ 'x-cloze-subscription-id': '' },
		{ 'x-cloze-subscription-id-x': target.subscriptionId },
		{ cookie: `x-cloze-subscription-id=${target.subscriptionId}` },
		{ 'x-forwarded-for': '10.0.0.1' },
	];
	for (const h of noIdHeaders) {
		for (const [what, body] of payloads)
			add(`no subscription id, ${what}`, ANSWERS.forbidden, { headers: { ...json, ...h }, body });
	}
	// 3. Wrong secret (right id): 44 secrets x 3 bodies.
	const wrongSecrets = [
		...Array.from({ length: 18 }, () => pick(HEX, target.secret.length)),
		...Array.from({ length: 10 }, (_, i) => flip(target.secret, i * 6 + 2, HEX)),
		...[1, 16, 32, 63].map((n) => target.secret.slice(0, n)),
		`${target.secret}0`,
		`0${target.secret}`,
		target.secret.toUpperCase(),
		` ${target.secret}`,
		`${target.secret} `,
		target.subscriptionId,
		'',
		'undefined',
		'null',
		'*',
		'%',
		'true',
	];
	for (const wrong of wrongSecrets) {
		for (const [what, body] of payloads)
			add(`wrong secret, ${what}`, ANSWERS.unauthorized, {
				url: secretUrl(wrong),
				headers: { ...json, ...id },
				body,
			});
	}
	// 4. No secret, or not where the trigger reads it (right id): 12 ways x 3 bodies.
	const noSecret = [
		{ url: urlWith('') },
		{ url: urlWith(`Secret=${target.secret}`) },
		{ url: urlWith(`SECRET=${target.secret}`) },
		{ url: urlWith(`token=${target.secret}`) },
		{ url: urlWith(`secret[a]=${target.secret}`) },
		{ url: urlWith(`secrets=${target.secret}`) },
		{ url: urlWith('secret') },
		{ url: urlWith(`x=1#secret=${target.secret}`) },
		{ url: urlWith(''), headers: { 'x-secret': target.secret } },
		{ url: urlWith(''), headers: { authorization: `Bearer ${target.secret}` } },
		{ url: urlWith(''), headers: { cookie: `secret=${target.secret}` } },
		{ url: urlWith(`subscription=${target.subscriptionId}`) },
	];
	for (const { url, headers = {} } of noSecret) {
		for (const [what, body] of payloads)
			add(`no secret, ${what}`, ANSWERS.unauthorized, {
				url,
				headers: { ...json, ...id, ...headers },
				body,
			});
	}
	// 5. Neither (20) and both wrong (20).
	for (let i = 0; i < 20; i++) {
		add('no secret and no subscription id', ANSWERS.unauthorized, {
			url: urlWith(''),
			headers: json,
			body: payloads[i % 3][1],
		});
		add('wrong secret and wrong subscription id', ANSWERS.unauthorized, {
			url: secretUrl(pick(HEX, 64)),
			headers: { ...json, 'x-cloze-subscription-id': pick(B64, 86) },
			body: payloads[i % 3][1],
		});
	}
	// 6. Wrong method, with the right secret and id (n8n has no webhook for it): 4 methods x 5.
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
		add(`${method}, right secret and id, a changed person`, ANSWERS.notRegistered, {
			method,
			headers: { ...json, ...id },
			body: valid,
		});
		add(`${method}, right secret and id, no body`, ANSWERS.notRegistered, { method, headers: id });
		add(`${method}, wrong secret`, ANSWERS.notRegistered, {
			method,
			url: secretUrl('0'.repeat(64)),
			headers: { ...json, ...id },
			body: valid,
		});
		add(`${method}, no secret`, ANSWERS.notRegistered, { method, url: urlWith(''), headers: id });
		add(`${method}, no subscription id`, ANSWERS.notRegistered, {
			method,
			headers: json,
			body: valid,
		});
	}
	// 7. Other paths of the same n8n (not this trigger): 10.
	for (let i = 0; i < 10; i++) {
		const u = new URL(base);
		u.pathname =
			i % 2
				? `${u.pathname}/extra`
				: u.pathname.replace(
						/webhook\/[^/]+\//,
						`webhook/${pick(HEX, 8)}-${pick(HEX, 4)}-` +
							`4${pick(HEX, 3)}-a${pick(HEX, 3)}-${pick(HEX, 12)}/`,
					);
		add('another webhook path', ANSWERS.notRegistered, {
			url: u.toString(),
			headers: { ...json, ...id },
			body: valid,
		});
	}

	// Verified (right secret and id) but nothing to run on: answered OK, no execution.
	const verified = (category, body, contentType = 'application/json', expect = ANSWERS.ok) =>
		add(category, expect, { headers: { 'content-type': contentType, ...id }, body });
	// 8. Not JSON (text/plain and friends): 20.
	const notJson = [
		'OK',
		'hello',
		'person=1&stage=current',
		'<person><name>x</name></person>',
		'[{"person":',
		'[{"person": {"name": "x"}},]',
		"[{'person': {}}]",
		'undefined',
		'NaN',
		'\u0000\u0001\u0002',
		'[',
		']',
		'{',
		'--',
		'\ufeff',
		' ',
		'[1,2,3',
		'[{"person":{"name":"x"}}] trailing',
		'person.audit.change',
		'0x5b5d',
	];
	for (const [i, text] of notJson.entries())
		verified(
			'verified, body is not JSON (text/plain)',
			text,
			i % 2 ? 'text/plain' : 'text/plain; charset=utf-8',
		);
	// 9. Declared JSON (or XML) but does not parse: n8n answers 422 before the trigger runs: 12.
	for (const text of [
		'[{"person":',
		'{"a":',
		'nope',
		'[1,]',
		"{'a':1}",
		'[{"person":{"name":"x"}}] x',
	]) {
		verified('verified, declared JSON but not JSON', text, 'application/json', ANSWERS.unparsable);
	}
	for (const text of [
		'<person>',
		'<a><b></a>',
		'not xml',
		'<?xml version="1.0"?><a',
		'<a x="1></a>',
		'<<>>',
	]) {
		verified('verified, declared XML but not XML', text, 'application/xml', ANSWERS.badXml);
	}
	// 10. Well-formed, not an array of relations: 30.
	const notArrays = [
		'{}',
		JSON.stringify({ person: record }),
		JSON.stringify({ 0: { person: record }, length: 1 }),
		JSON.stringify({ list: [{ person: record }] }),
		JSON.stringify({ results: genuineBody(record, 1) }),
		'{"event":"person.audit.change"}',
		'{"__proto__":[{"person":{"name":"x"}}]}',
		'{"constructor":{"prototype":[{"person":{}}]}}',
		'null',
		'true',
		'false',
		'0',
		'42',
		JSON.stringify('[{"person":{}}]'),
		'{"errorcode":0}',
	];
	for (const text of notArrays) {
		verified('verified, JSON but not an array', text);
		verified('verified, JSON (sent as text/plain) but not an array', text, 'text/plain');
	}
	verified('verified, XML', '<person><name>Ada</name></person>', 'application/xml', ANSWERS.xml);
	verified(
		'verified, form fields',
		`person=${encodeURIComponent(JSON.stringify(record))}`,
		'application/x-www-form-urlencoded',
	);
	verified('verified, no body', undefined);
	verified('verified, empty body', '', 'application/json');
	// 11. Empty arrays: 10.
	for (const text of ['[]', '[ ]', '[\n]', ' [] ', '[]\n']) {
		verified('verified, empty array', text);
		verified('verified, empty array (text/plain)', text, 'text/plain');
	}
	// 12. Arrays of the wrong types: 24.
	const wrongInside = [
		[1],
		['x'],
		[null],
		[true],
		[[]],
		[[{ person: record }]],
		[{ person: 'Ada' }],
		[{ person: null }],
		[{ person: [] }],
		[{ person: 1 }],
		[{ person: [record] }],
		[{ changes: { stage: { before: 'lead', after: 'current' } } }],
		[{ event: 'person.audit.change' }],
		[{ people: [record] }],
		[{ relation: record }],
		[JSON.stringify(genuineBody(record, 1))],
		[1, 'x', null, false, [], [[]]],
		Array.from({ length: 1000 }, (_, i) => i),
		Array.from({ length: 200 }, () => null),
		[{ person: true, company: 'x', project: 3 }],
		[{ Person: record }],
		[{ PERSON: record }],
		[{ ' person': record }],
		[{ persons: record }],
	];
	for (const value of wrongInside)
		verified('verified, array of the wrong types', JSON.stringify(value));

	// 13. Huge bodies, shared buffers: 5 MB (n8n reads them; the trigger refuses or runs nothing),
	// 17 MiB (over n8n's 16 MiB limit) and gzip that inflates past it.
	const fiveMb = Buffer.from(
		JSON.stringify(Array.from({ length: (5 * MB) / 10 }, () => 123456789)),
	);
	const fiveMbRelations = (() => {
		const one = JSON.stringify(genuineBody(record, 1, 'Huge')[0]);
		const n = Math.ceil((5 * MB) / (one.length + 1));
		return Buffer.from(`[${Array.from({ length: n }, () => one).join(',')}]`);
	})();
	const fiveMbText = Buffer.alloc(5 * MB, 'a');
	const seventeenMb = Buffer.alloc(17 * MB, ' ');
	seventeenMb.write('[', 0);
	seventeenMb.write(']', seventeenMb.length - 1);
	const bomb = zlib.gzipSync(Buffer.alloc(20 * MB, ' '));
	add('5 MB of relations, wrong secret', ANSWERS.unauthorized, {
		url: secretUrl(pick(HEX, 64)),
		headers: { ...json, ...id },
		body: fiveMbRelations,
	});
	add('5 MB of relations, no secret', ANSWERS.unauthorized, {
		url: urlWith(''),
		headers: { ...json, ...id },
		body: fiveMbRelations,
	});
	add('5 MB of relations, no subscription id', ANSWERS.forbidden, {
		headers: json,
		body: fiveMbRelations,
	});
	add('5 MB of relations, wrong subscription id', ANSWERS.forbidden, {
		headers: { ...json, 'x-cloze-subscription-id': pick(B64, 86) },
		body: fiveMbRelations,
	});
	verified('verified, 5 MB array of numbers', fiveMb);
	verified('verified, 5 MB of text', fiveMbText, 'text/plain');
	verified(
		'verified, 5 MB declared JSON, not JSON',
		fiveMbText,
		'application/json',
		ANSWERS.unparsable,
	);
	add('17 MiB, right secret and id', ANSWERS.tooLarge, {
		headers: { ...json, ...id },
		body: seventeenMb,
	});
	add('17 MiB, wrong secret', ANSWERS.tooLarge, {
		url: secretUrl('1'.repeat(64)),
		headers: { ...json, ...id },
		body: seventeenMb,
	});
	add('gzip inflating to 20 MiB, right secret and id', ANSWERS.tooLarge, {
		headers: { ...json, ...id, 'content-encoding': 'gzip' },
		body: bomb,
	});
	add('gzip inflating to 20 MiB, wrong secret', ANSWERS.tooLarge, {
		url: secretUrl('2'.repeat(64)),
		headers: { ...json, ...id, 'content-encoding': 'gzip' },
		body: bomb,
	});

	// 14. Deep nesting: 100,000 levels of arrays and of objects.
	const depth = 100000;
	const deepArray = Buffer.from('['.repeat(depth) + ']'.repeat(depth));
	const deepObject = Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
	const deepInArray = Buffer.from(
		'[' + '{"person":'.repeat(depth) + '{}' + '}'.repeat(depth) + ']',
	);
	const deepRelation = Buffer.from(
		`[{"person":{"name":"Deep","x":${'['.repeat(depth)}${']'.repeat(depth)}}}]`,
	);
	verified('verified, 100,000 nested arrays', deepArray);
	verified('verified, 100,000 nested objects', deepObject);
	verified('verified, 100,000 nested arrays (text/plain)', deepArray, 'text/plain');
	add('100,000 nested objects in a relation, wrong secret', ANSWERS.unauthorized, {
		url: secretUrl(pick(HEX, 64)),
		headers: { ...json, ...id },
		body: deepInArray,
	});
	add('a relation with 100,000 nested arrays, no subscription id', ANSWERS.forbidden, {
		headers: json,
		body: deepRelation,
	});
	add('a relation with 100,000 nested arrays, wrong subscription id', ANSWERS.forbidden, {
		headers: { ...json, 'x-cloze-subscription-id': 'x' },
		body: deepRelation,
	});

	return list;
}

/**
 * Whether an answer is what `expect` says (exact body and content type when the trigger answers;
 * `oneOf`: any of those).
 */
function answerMatches(answer, expect) {
	if (expect.oneOf) return expect.oneOf.some((one) => answerMatches(answer, one));
	if (!answer || answer.status !== expect.status) return false;
	if (expect.text !== undefined && answer.text !== expect.text) return false;
	if (expect.timedOut && !/no answer within/.test(answer.error || '')) return false;
	if (
		expect.contentType !== undefined &&
		answer.contentType.split(';')[0].trim().toLowerCase() !== expect.contentType
	)
		return false;
	return true;
}

/** An expected answer in words. */
function describeAnswer(expect) {
	if (expect.oneOf) return expect.oneOf.map(describeAnswer).join(' or ');
	if (expect.timedOut) return 'no answer (held by n8n)';
	return (
		`${expect.status}${expect.text ? ` ${expect.text}` : ''}` +
		`${expect.by === 'n8n' ? ' (n8n)' : ''}`
	);
}

/** Nearest-rank percentile of numbers. */
function percentile(values, p) {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * n8n answers every request with 503 "Database is not ready!" while its database ping fails (a ping
 * that waits more than 5 s for SQLite, e.g. behind hundreds of executions being saved); it recovers
 * at the next ping, 2 s later. Retries such answers, at most 30 times, 1 s apart.
 */
async function withRetryOn503(fn) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fn();
		} catch (e) {
			if (attempt >= 30 || !/HTTP 503/.test(e.message)) throw e;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

/**
 * Every execution of a workflow (public API, pages of 250 and `nextCursor`; at most `maxPages`):
 * [{id, status, finished, data?}].
 */
async function allExecutions(api, workflowId, { includeData = false, maxPages = 40 } = {}) {
	const out = [];
	let cursor;
	for (let page = 0; page < maxPages; page++) {
		const qs = new URLSearchParams({ limit: '250', includeData: String(includeData) });
		if (workflowId) qs.set('workflowId', workflowId);
		if (cursor) qs.set('cursor', cursor);
		const r = await withRetryOn503(() => api.api('GET', `/executions?${qs}`));
		out.push(...(r.data || []));
		cursor = r.nextCursor;
		if (!cursor) return out;
	}
	throw new Error(`more than ${maxPages * 250} executions of ${workflowId}`);
}

module.exports = {
	HOST,
	ANSWERS,
	targetOf,
	send,
	pool,
	clozeHeaders,
	PERSON_DEFAULTS,
	genuineBody,
	genuineRequest,
	forgedDeliveries,
	answerMatches,
	describeAnswer,
	percentile,
	allExecutions,
	withRetryOn503,
};
