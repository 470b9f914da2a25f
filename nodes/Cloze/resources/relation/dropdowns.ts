import type { INodeProperties } from 'n8n-workflow';

import {
	customFieldDropdown,
	segmentDropdown,
	stageDropdown,
	stepDropdown,
} from '../../../shared/dropdowns';

/**
 * The account dropdowns as the people, companies and projects forms use them (segment, stage,
 * step, custom fields), from the one definition of each in `nodes/shared/dropdowns.ts`. This
 * module imports nothing of the relation resource, so both the forms and the body builder can use
 * it.
 */

/**
 * The fields a step list of these forms depends on: the segment and stage of the same collection.
 */
const STEP_DEPENDS_ON = [
	'additionalFields.segment',
	'additionalFields.stage',
	'updateFields.segment',
	'updateFields.stage',
	'filters.segment',
	'filters.stage',
];

export const segmentField = segmentDropdown();
export const stageField = stageDropdown();

/** Steps of the segment and stage chosen in the same form (all steps when none is chosen). */
export function relationStepDropdown(name: string, label: string, hint?: string): INodeProperties {
	return stepDropdown({ name, label, hint, dependsOn: STEP_DEPENDS_ON });
}

export const stepField = relationStepDropdown('step', 'Step');

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description:
		'Values of the custom fields of the Cloze account; ' +
		'each value is checked against the field type',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				customFieldDropdown('id'),
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 42, 2025-12-31 or a keyword value',
					description:
						'Text, a number for number fields, a date for date fields, or one of the ' +
						'values (key or label) of a keyword field',
				},
			],
		},
	],
};
