/**
 * The simulator's token-bucket rate limiter (test/simulator/rateLimit.js): off by default; on, a
 * burst beyond the bucket is answered 429 with Retry-After and not processed; switched on, changed
 * and off through its control endpoint (for out-of-process use by the e2e suite).
 */
import { useSimulator } from '../helpers/harness';

// The limiter's state carries from test to test, as the control endpoint sets it.
const sim = useSimulator({}, { between: 'nothing' });

const create = async (index: number) =>
	await fetch(`${sim().url}/v1/people/create`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sim().apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			name: `Rate ${index}`,
			emails: [{ value: `rate.${index}@example.com` }],
		}),
	});
const control = async (body?: unknown) =>
	(await (
		await fetch(
			`${sim().url}/__sim/rate-limit`,
			body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
		)
	).json()) as { perSecond: number; [stat: string]: unknown };

it('off by default: 30 requests at once all pass', async () => {
	const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => create(index)));
	expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
	expect((await control()).perSecond).toBe(0);
});

it(
	'on (5/s, bucket of 5) through the control endpoint: 12 at once -> 5 pass, 7 get 429 + ' +
		'Retry-After: 1 and are not processed',
	async () => {
		expect(await control({ perSecond: 5 })).toMatchObject({
			perSecond: 5,
			burst: 5,
			admitted: 0,
			limited: 0,
		});
		const before = sim().store.people.length;
		const answers = await Promise.all(
			Array.from({ length: 12 }, (_, index) => create(100 + index)),
		);
		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 200)).toHaveLength(5);
		const refused = answers.filter((answer) => answer.status === 429);
		expect(refused).toHaveLength(7);
		expect(refused.map((answer) => answer.headers.get('retry-after'))).toEqual(Array(7).fill('1'));
		expect(sim().store.people.length - before).toBe(5);
		expect(await control()).toMatchObject({ admitted: 5, limited: 7 });
	},
);

it('off again (POST with an empty body): everything passes', async () => {
	await fetch(`${sim().url}/__sim/rate-limit`, { method: 'POST' });
	const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => create(200 + index)));
	expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
});
