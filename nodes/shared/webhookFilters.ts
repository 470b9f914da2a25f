import type { IDataObject, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Cloze webhook events and the validation of subscription `filters`, shared by the Cloze node
 * (Webhook > Subscribe) and the Cloze Trigger (its JSON filter mode).
 */

/** The six events the reference documents. */
export const WEBHOOK_EVENTS = [
	'person.change',
	'project.change',
	'company.change',
	'person.audit.change',
	'project.audit.change',
	'company.audit.change',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Dropdown options of the six events (sorted by name). */
export const webhookEventOptions: INodePropertyOptions[] = [
	{
		name: 'Company Audit Change',
		value: 'company.audit.change',
		description: 'A company changed segment, stage, step or a custom field (with before and after)',
	},
	{ name: 'Company Change', value: 'company.change', description: 'Any change to a company' },
	{
		name: 'Person Audit Change',
		value: 'person.audit.change',
		description: 'A person changed segment, stage, step or a custom field (with before and after)',
	},
	{ name: 'Person Change', value: 'person.change', description: 'Any change to a person' },
	{
		name: 'Project Audit Change',
		value: 'project.audit.change',
		description: 'A project changed segment, stage, step or a custom field (with before and after)',
	},
	{ name: 'Project Change', value: 'project.change', description: 'Any change to a project' },
];

/**
 * A filter this module accepts, shown in the forms as the example (the tests check that it
 * validates for `person.audit.change`).
 */
export const FILTERS_EXAMPLE =
	'[{"person": {"segment": "customer", "stage": "lead"}, "changes": {"stage": {"before": ' +
	'"lead", "after": "*"}}}]';

export function isWebhookEvent(event: unknown): event is WebhookEvent {
	return typeof event === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(event);
}

/** `person.audit.change` -> `person`. */
export function relationKindOfEvent(event: WebhookEvent): 'person' | 'company' | 'project' {
	return event.split('.')[0] as 'person' | 'company' | 'project';
}

export function isAuditEvent(event: WebhookEvent): boolean {
	return event.endsWith('.audit.change');
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const HELP =
	`Filters are a JSON array of objects, e.g. ${FILTERS_EXAMPLE}. Each object may have the ` +
	`event's relation ("person", "company" or "project") with a fragment the record must ` +
	'contain ("*" matches any value) and, for audit change events only, "changes" with ' +
	'{"<field>": {"before": …, "after": …}}.';

/**
 * Validates webhook `filters` for the given event(s) and returns them as the array Cloze expects.
 *
 * Accepts the filters as a JSON string, an array, or one filter object (wrapped in an array);
 * empty input ('', null, undefined, []) gives `[]` (send no filters). Each filter must be a
 * non-empty object whose keys are the relation kind of every event (an object) and, when every
 * event is an audit change event, `changes` (an object of `{before?, after?}` objects or "*").
 * Anything else throws the error `refuse` makes (a `NodeOperationError` unless told otherwise: the
 * Cloze node's preSend passes `inputError`), naming `field` and the problem.
 */
/** Makes the error of refused filters. */
export type Refusal = (node: INode, message: string, options?: { description?: string }) => Error;

const operationError: Refusal = (node, message, options) =>
	new NodeOperationError(node, message, options);

export function validateFilters(
	node: INode,
	events: string | string[],
	filters: unknown,
	field = 'Filters',
	refuse: Refusal = operationError,
): IDataObject[] {
	const fail = (problem: string) => refuse(node, `${field}: ${problem}`, { description: HELP });
	const eventList = (Array.isArray(events) ? events : [events]).filter((event) => event !== '');
	if (eventList.length === 0) throw refuse(node, 'Event: choose an event');
	for (const event of eventList) {
		if (!isWebhookEvent(event)) {
			throw refuse(node, `Event: "${String(event)}" is not a Cloze webhook event`, {
				description: `Use one of ${WEBHOOK_EVENTS.join(', ')}.`,
			});
		}
	}
	const valid = eventList as WebhookEvent[];

	let value = filters;
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw fail(`not valid JSON (${(error as Error).message})`);
		}
	}
	if (value === undefined || value === null) return [];
	if (isPlainObject(value)) value = [value];
	if (!Array.isArray(value)) throw fail('must be an array of filter objects');

	const kinds = [...new Set(valid.map(relationKindOfEvent))];
	const audit = valid.every(isAuditEvent);
	const allowed = audit ? [...kinds, 'changes'] : kinds;
	return value.map((filter, index) => {
		const at = `filter ${index + 1}`;
		if (!isPlainObject(filter)) throw fail(`${at} must be an object`);
		const keys = Object.keys(filter);
		if (keys.length === 0)
			throw fail(`${at} is empty: use ${allowed.map((key) => `"${key}"`).join(' and/or ')}`);
		for (const key of keys) {
			if (key === 'changes') {
				if (!audit) {
					throw fail(
						`${at}: "changes" only applies to audit change events, not ${valid.join(', ')}`,
					);
				}
				if (!isPlainObject(filter.changes) || Object.keys(filter.changes).length === 0) {
					throw fail(
						`${at}: "changes" must be an object of {"<field>": {"before": …, "after": …}}`,
					);
				}
				for (const [changed, condition] of Object.entries(filter.changes)) {
					if (condition === '*') continue;
					if (
						!isPlainObject(condition) ||
						Object.keys(condition).length === 0 ||
						Object.keys(condition).some((part) => part !== 'before' && part !== 'after')
					) {
						throw fail(
							`${at}: changes of "${changed}" must be an object with "before" and/or "after"`,
						);
					}
				}
			} else if (kinds.length === 1 && key === kinds[0]) {
				if (!isPlainObject(filter[key]))
					throw fail(`${at}: "${key}" must be an object (a ${key} fragment)`);
			} else {
				throw fail(
					`${at} has the key "${key}"; ${valid.join(', ')} allows only ` +
						`${allowed.map((name) => `"${name}"`).join(' and ')}`,
				);
			}
		}
		return filter;
	});
}
