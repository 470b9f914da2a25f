'use strict';
/**
 * The baseline the node is measured against: bare `fetch` loops over the same pages the node asks
 * for (page size 1,000, the key in the Bearer header), with the same stopping rules, keeping every
 * record in an array. Plain JavaScript so that a child process can run it without TypeScript.
 */

/** @param {string} url @param {string} apiKey */
async function getJson(url, apiKey) {
	const response = await fetch(url, {
		headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
	});
	if (response.status !== 200)
		throw new Error(`HTTP ${response.status} from ${new URL(url).pathname}`);
	const body = await response.json();
	if (body.errorcode) throw new Error(`Cloze error ${body.errorcode}`);
	return body;
}

/** `find`: page numbers 1, 2, … until a short page or `availablecount` is reached. */
async function bareFind(base, apiKey, pagesize = 1000) {
	const records = [];
	let requests = 0;
	for (let pagenumber = 1; ; pagenumber++) {
		const body = await getJson(
			`${base}/v1/people/find?scope=local&pagenumber=${pagenumber}&pagesize=${pagesize}`,
			apiKey,
		);
		requests++;
		const page = body.people ?? [];
		records.push(...page);
		if (page.length < pagesize || pagenumber * pagesize >= Number(body.availablecount)) break;
	}
	return { records, requests };
}

/** One request for one person: what any run costs at least. */
async function bareOne(base, apiKey) {
	const body = await getJson(`${base}/v1/people/find?scope=local&pagenumber=1&pagesize=1`, apiKey);
	return { records: body.people ?? [], requests: 1 };
}

/**
 * `feed`: the filters and the page size first, then only the cursor, until the feed is caught up.
 */
async function bareFeed(base, apiKey, pagesize = 1000) {
	const records = [];
	let requests = 0;
	let url = `${base}/v1/people/feed?scope=local&pagesize=${pagesize}`;
	for (;;) {
		const body = await getJson(url, apiKey);
		requests++;
		const page = body.people ?? [];
		records.push(...page);
		// Caught up: an empty page, or a page that holds all Cloze still had (`availablecount`).
		if (page.length === 0 || page.length >= Number(body.availablecount)) break;
		url = `${base}/v1/people/feed?cursor=${encodeURIComponent(body.cursor)}`;
	}
	return { records, requests };
}

/**
 * `messages/opens`: follows `next` while `more` is true (the answer: an array of batches, as in
 * Cloze's schema).
 */
async function bareOpens(base, apiKey) {
	const records = [];
	let requests = 0;
	let url = `${base}/v1/messages/opens`;
	for (;;) {
		const answer = await getJson(url, apiKey);
		requests++;
		const batches = Array.isArray(answer) ? answer : [answer];
		for (const batch of batches) records.push(...(batch.messages ?? []));
		const body = batches[batches.length - 1] ?? {};
		if (body.more !== true || typeof body.next !== 'string') break;
		const next = new URL(body.next);
		url = `${base}${next.pathname}${next.search}`;
	}
	return { records, requests };
}

/**
 * Bulk create: one POST /v1/people/create per item, `concurrency` loops in parallel, each waiting
 * as long as `Retry-After` asks (1 s without it) and sending the same item again after a 429.
 * @param {string} base @param {string} apiKey @param {Array<Record<string, unknown>>} bodies
 */
async function bareCreate(base, apiKey, bodies, concurrency = 1) {
	let next = 0;
	let requests = 0;
	let limited = 0;
	const results = new Array(bodies.length);
	async function worker() {
		while (next < bodies.length) {
			const index = next++;
			for (;;) {
				const response = await fetch(`${base}/v1/people/create`, {
					method: 'POST',
					headers: {
						Authorization: `Bearer ${apiKey}`,
						Accept: 'application/json',
						'Content-Type': 'application/json',
					},
					body: JSON.stringify(bodies[index]),
				});
				requests++;
				if (response.status === 429) {
					limited++;
					await response.arrayBuffer();
					const wait = Number(response.headers.get('retry-after') ?? 1);
					await new Promise((resolve) =>
						setTimeout(resolve, (Number.isFinite(wait) ? wait : 1) * 1000),
					);
					continue;
				}
				results[index] = await response.json();
				break;
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, () => worker()));
	return { results, requests, limited };
}

module.exports = { bareFind, bareOne, bareFeed, bareOpens, bareCreate };
