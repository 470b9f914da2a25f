/**
 * continueOnFail over 100 items, through n8n's real engine against the Cloze simulator: every 10th
 * item cannot be created; the run yields 90 results and 10 error items in input order, and Cloze
 * holds exactly the 90 records.
 */
import type { IDataObject } from 'n8n-workflow';

import { keyNeverLeaks, run, useKeyedSimulator } from './helpers';

const sim = useKeyedSimulator();

const ITEMS = 100;
const failing = (index: number) => index % 10 === 9;

describe('People, Create over 100 items, every 10th invalid, with continueOnFail', () => {
	it(
		'by e-mail from the item: every 10th has none or a blank one, ' +
			'which the form refuses before any request',
		async () => {
			const input: IDataObject[] = Array.from({ length: ITEMS }, (_, index) => {
				if (!failing(index))
					return { email: `person.${index}@example.com`, name: `Person ${index}` };
				return index % 20 === 9
					? { name: `Person ${index}` }
					: { email: '   ', name: `Person ${index}` };
			});
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'email',
					email: '={{ $json.email }}',
					name: '={{ $json.name }}',
				},
				{ input, continueOnFail: true },
			);

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(ITEMS);
			result.items.forEach((item, index) => {
				if (failing(index)) {
					expect(item.error?.message).toMatch(/^Email is required: /);
					expect(item.json).toEqual({ error: item.error?.message });
				} else {
					expect(item.error).toBeUndefined();
					// The stored record, read back (Return Stored Record is on by default).
					expect(item.json).toMatchObject({
						name: input[index].name,
						emails: [input[index].email],
					});
					expect(item.json).not.toHaveProperty('errorcode');
				}
			});
			expect(result.items.filter((item) => item.error)).toHaveLength(10);

			const valid = input.filter((_, index) => !failing(index)).map((item) => item.email);
			// 90 writes, each followed by the read of the stored record.
			expect(sim().requests).toHaveLength(180);
			expect(sim().requests.filter((request) => request.method === 'POST')).toHaveLength(90);
			expect(sim().store.people).toHaveLength(90);
			const stored = sim().store.people.map(
				(person) => ((person.emails as IDataObject[])[0] as IDataObject).value,
			);
			expect([...stored].sort()).toEqual([...valid].sort());
		},
	);

	it(
		'by name and phone from the item, Return Stored Record off: every 10th has a phone Cloze ' +
			'cannot use, which Cloze refuses (HTTP 200, error 11)',
		async () => {
			const input: IDataObject[] = Array.from({ length: ITEMS }, (_, index) => ({
				name: `Person ${index}`,
				phone: failing(index) ? 'n/a' : `+1 617 555 ${String(1000 + index)}`,
			}));
			const result = await run(
				sim(),
				{
					resource: 'person',
					operation: 'create',
					identifyBy: 'namePhone',
					name: '={{ $json.name }}',
					phone: '={{ $json.phone }}',
					returnStoredRecord: false,
				},
				{ input, continueOnFail: true },
			);

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(ITEMS);
			result.items.forEach((item, index) => {
				if (failing(index)) {
					expect(item.json).toEqual({ error: 'Cloze error 11: No identifiers available' });
				} else {
					expect(item.error).toBeUndefined();
					// Return Stored Record off: the identifier and the fields sent, one request per item.
					expect(item.json).toEqual({
						uniqueid: input[index].phone,
						name: input[index].name,
						phones: [{ value: input[index].phone, mobile: true }],
					});
				}
			});
			expect(result.items.filter((item) => item.error)).toHaveLength(10);

			expect(sim().requests).toHaveLength(100);
			expect(sim().store.people).toHaveLength(90);
			const stored = sim()
				.store.people.map((person) => person.name)
				.sort();
			expect(stored).toEqual(
				input
					.filter((_, index) => !failing(index))
					.map((item) => item.name)
					.sort(),
			);
		},
	);
});

keyNeverLeaks(sim);
