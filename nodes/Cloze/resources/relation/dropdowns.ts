import type { INodeProperties } from 'n8n-workflow';

/**
 * The account-backed dropdowns of the people, companies and projects forms (segment, stage, step,
 * team node, custom fields), each defined once. This module imports nothing of the relation
 * resource, so both the forms and the body builder can use it.
 */

const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A dropdown filled by the load-options method `method`. */
export function accountDropdown(name: string, label: string, method: string, hint?: string): INodeProperties {
	return {
		displayName: `${label} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: method },
		default: '',
		description: CHOOSE,
		...(hint ? { hint } : {}),
	};
}

export const segmentField = accountDropdown('segment', 'Segment', 'getSegments');
export const stageField = accountDropdown('stage', 'Stage', 'getStages');

/** Steps of the segment and stage chosen in the same form (all steps when none is chosen). */
export function stepDropdown(name: string, label: string, hint?: string): INodeProperties {
	const field = accountDropdown(name, label, 'getSteps', hint);
	field.typeOptions = {
		loadOptionsMethod: 'getSteps',
		loadOptionsDependsOn: [
			'additionalFields.segment',
			'additionalFields.stage',
			'updateFields.segment',
			'updateFields.stage',
			'filters.segment',
			'filters.stage',
		],
	};
	return field;
}

export const stepField = stepDropdown('step', 'Step');

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Values of the custom fields of the Cloze account; each value is checked against the field type',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 42, 2025-12-31 or a keyword value',
					description:
						'Text, a number for number fields, a date for date fields, or one of the values (key or label) of a keyword field',
				},
			],
		},
	],
};
