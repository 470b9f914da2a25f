/**
 * Cloze Trigger deliveries that are malformed in part, or replayed: the good relations of a
 * delivery always start the run (a bad element is passed on with a note instead of throwing after
 * `OK` was sent), and with Skip Duplicates a delivery sent again starts no second run. Through
 * n8n-core's WebhookContext behind a local endpoint that answers as n8n does.
 */
import { useSimulator, useTriggers } from '../helpers/harness';

const sim = useSimulator();
const trigger = useTriggers(sim);

async function activeTrigger(parameters: Record<string, unknown>) {
	const harness = await trigger(parameters);
	await harness.activate();
	const { secret, subscriptionId } = harness.nodeStaticData as Record<string, string>;
	const send = async (payload: unknown) =>
		await harness.post({ secret, subscriptionId, body: JSON.stringify(payload) });
	return { harness, send, subscriptionId };
}

const jane = {
	direct: 'p-1',
	name: 'Jane Doe',
	emails: [{ value: 'jane@example.com' }],
	lastChanged: 1700000000000,
};

describe('malformed deliveries', () => {
	it(
		'customFields: [null], a null element and an element without a record: ' +
			'OK, one run, the good record kept',
		async () => {
			const { harness, send, subscriptionId } = await activeTrigger({ event: 'person.change' });
			const response = await send([
				{
					person: { ...jane, customFields: [null, { id: 'score', value: 3 }] },
					changes: {},
					event: 'person.change',
				},
				null,
				{ company: null, changes: {}, event: 'person.change' },
			]);
			expect(response).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
			expect(harness.errors).toEqual([]);
			expect(harness.runs).toHaveLength(1);
			expect(harness.runs[0].map((item) => item.json)).toEqual([
				{
					person: expect.objectContaining({
						direct: 'p-1',
						name: 'Jane Doe',
						customFields: { score: 3 },
					}),
					changes: {},
					event: 'person.change',
					subscriptionId,
				},
				{
					raw: null,
					note: expect.stringContaining('Cloze sent null where a relation was expected'),
					event: 'person.change',
					subscriptionId,
				},
				{
					raw: { company: null, changes: {}, event: 'person.change' },
					note: expect.stringContaining('where a relation with a "person" record was expected'),
					event: 'person.change',
					subscriptionId,
				},
			]);
		},
	);

	it(
		'a delivery without any record (only nulls, strings, ' +
			'records of nothing) is answered OK and starts no run',
		async () => {
			const { harness, send } = await activeTrigger({ event: 'person.change' });
			for (const payload of [
				[null],
				[{ person: 'Ada' }],
				[{ person: null }, 1, 'x'],
				[{ changes: { stage: {} } }],
			]) {
				expect(await send(payload)).toEqual({ status: 200, contentType: 'text/plain', body: 'OK' });
			}
			expect(harness.errors).toEqual([]);
			expect(harness.runs).toHaveLength(0);
			// A genuine delivery afterwards still runs.
			await send([{ person: jane, changes: {}, event: 'person.change' }]);
			expect(harness.runs).toHaveLength(1);
		},
	);

	it(
		'a record whose fields have unexpected types still comes through, ' +
			'simplified as far as it goes',
		async () => {
			const { harness, send } = await activeTrigger({ event: 'person.change' });
			await send([
				{
					person: { direct: 'p-2', emails: 'not-a-list', phones: [null], customFields: { a: 1 } },
					changes: 'x',
				},
			]);
			expect(harness.errors).toEqual([]);
			expect(harness.runs[0].map((item) => item.json.person)).toEqual([{ direct: 'p-2' }]);
			expect(harness.runs[0][0].json.changes).toEqual({});
		},
	);
});

describe('Skip Duplicates', () => {
	const delivery = [{ person: jane, changes: {}, event: 'person.change' }];

	it(
		'on: a replayed delivery is answered OK and starts no second run; ' +
			'a later change of the record does',
		async () => {
			const { harness, send } = await activeTrigger({
				event: 'person.change',
				options: { skipDuplicates: true },
			});
			expect((await send(delivery)).body).toBe('OK');
			expect((await send(delivery)).body).toBe('OK');
			expect(harness.runs).toHaveLength(1);

			await send([
				{
					person: { ...jane, lastChanged: jane.lastChanged + 1000 },
					changes: {},
					event: 'person.change',
				},
			]);
			expect(harness.runs).toHaveLength(2);
			expect(harness.errors).toEqual([]);
		},
	);

	it('on: a delivery mixing a replayed and a new relation runs with the new one only', async () => {
		const { harness, send } = await activeTrigger({
			event: 'person.change',
			options: { skipDuplicates: true },
		});
		await send(delivery);
		const other = { ...jane, direct: 'p-9', name: 'Other' };
		await send([...delivery, { person: other, changes: {}, event: 'person.change' }]);
		expect(
			harness.runs.map((run) => run.map((item) => (item.json.person as { name: string }).name)),
		).toEqual([['Jane Doe'], ['Other']]);
	});

	it('off (not added): every delivery runs, as before', async () => {
		const { harness, send } = await activeTrigger({ event: 'person.change' });
		await send(delivery);
		await send(delivery);
		expect(harness.runs).toHaveLength(2);
	});
});
