/**
 * The per-run pacer (nodes/shared/transport.ts) on a fake clock: what spacing each 429 leaves.
 * Cloze allows 100 requests/s here; before the first 429 the items came at 50/s for 11 s (n8n's
 * Batching with slow items, say), then as fast as they could.
 */
import { Pacer } from '../../nodes/shared/transport';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** One request through the pacer, started `gapMs` after the previous one: when it started. */
async function request(pacer: Pacer, gapMs = 0): Promise<number> {
	await jest.advanceTimersByTimeAsync(gapMs);
	const acquired = pacer.acquire();
	let started = 0;
	void acquired.then(() => (started = Date.now()));
	while (!started) await jest.advanceTimersByTimeAsync(1);
	pacer.succeeded();
	pacer.release();
	return started;
}

/** The spacing the pacer keeps between 20 requests that all want to start at once. */
async function spacing(pacer: Pacer): Promise<number> {
	const starts: number[] = [];
	for (let i = 0; i < 20; i++) starts.push(await request(pacer));
	return (starts[starts.length - 1] - starts[0]) / (starts.length - 1);
}

async function slowThenFast(pacer: Pacer): Promise<void> {
	for (let i = 0; i < 550; i++) await request(pacer, 20);
	for (let i = 0; i < 120; i++) await request(pacer, 1000 / 120);
}

it(
	'the first 429 after a slow start: paced at the rate of its last second (120/s), not of the ' +
		'whole start (56/s)',
	async () => {
		const pacer = new Pacer(5);
		await slowThenFast(pacer);
		pacer.rateLimited(1);
		await jest.advanceTimersByTimeAsync(1000);
		const ms = await spacing(pacer);
		expect(ms).toBeGreaterThan(1000 / 130);
		expect(ms).toBeLessThan(1000 / 100);
	},
);

it(
	'a later 429 takes the rate Cloze accepted since the one before (100/s), not its last ' +
		'second (120/s)',
	async () => {
		const pacer = new Pacer(5);
		await slowThenFast(pacer);
		pacer.rateLimited(1);
		await jest.advanceTimersByTimeAsync(1000);
		const firstLimited = Date.now() - 1000;
		// A bucket of 100 refilled by the pause, 100 a second, drained at 120/s: empty after 5 s.
		for (let i = 0; i < 600; i++) await request(pacer, 1000 / 120);
		const accepted = 600 / (Date.now() - firstLimited);
		pacer.rateLimited(1);
		await jest.advanceTimersByTimeAsync(1000);
		const ms = await spacing(pacer);
		expect(accepted * 1000).toBeGreaterThan(90);
		expect(accepted * 1000).toBeLessThan(100);
		expect(ms).toBeCloseTo(1 / accepted, 0);
	},
);
