import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../shared/credentials';
import {
	customFieldDropdown,
	segmentDropdown,
	stageDropdown,
	stepDropdown,
} from '../shared/dropdowns';
import { scopeFields } from '../shared/scope';

const AUDIT_EVENTS = ['person.audit.change', 'company.audit.change', 'project.audit.change'];

export const event: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	required: true,
	options: [
		{
			name: 'Company Changed',
			value: 'company.change',
			action: 'On company changed',
			description: 'Any change to a company. Delivers the company, without change details.',
		},
		{
			name: 'Company Stage or Field Changed',
			value: 'company.audit.change',
			action: 'On company stage or field changed',
			description:
				"A change recorded in the company's audit trail (segment, stage, step or a custom " +
				"field). Delivers the company and each change's before and after values.",
		},
		{
			name: 'Person Changed',
			value: 'person.change',
			action: 'On person changed',
			description: 'Any change to a person. Delivers the person, without change details.',
		},
		{
			name: 'Person Stage or Field Changed',
			value: 'person.audit.change',
			action: 'On person stage or field changed',
			description:
				"A change recorded in the person's audit trail (segment, stage, step or a custom " +
				"field). Delivers the person and each change's before and after values.",
		},
		{
			name: 'Project Changed',
			value: 'project.change',
			action: 'On project changed',
			description: 'Any change to a project. Delivers the project, without change details.',
		},
		{
			name: 'Project Stage or Field Changed',
			value: 'project.audit.change',
			action: 'On project stage or field changed',
			description:
				"A change recorded in the project's audit trail (segment, stage, step or a custom " +
				"field). Delivers the project and each change's before and after values.",
		},
	],
	default: 'person.audit.change',
	description: 'Which changes start the workflow',
};

const filterMode: INodeProperties = {
	displayName: 'Filters',
	name: 'filterMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'JSON',
			value: 'json',
			description:
				'Any filter array the Cloze API accepts; a change is delivered when one filter matches',
		},
		{ name: 'None', value: 'none', description: 'Every change of the chosen event and scope' },
		{
			name: 'Using Fields Below',
			value: 'fields',
			description:
				'Segment, stage, step and custom field conditions, ' +
				'and for audit events the changes to watch',
		},
	],
	default: 'none',
	description: 'Which changes Cloze delivers; Cloze filters before it sends anything',
};

const relationFilter: INodeProperties = {
	displayName: 'Relation Conditions',
	name: 'relationFilter',
	type: 'collection',
	placeholder: 'Add Condition',
	default: {},
	displayOptions: { show: { filterMode: ['fields'] } },
	description: 'Values the changed relation must have; all conditions must match',
	options: [
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			placeholder: 'Add Custom Field Condition',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Condition',
					name: 'condition',
					values: [
						customFieldDropdown('fieldId', { dependsOn: ['event'] }),
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. zillow',
							description: 'Value the field must have; * or empty for any value',
						},
					],
				},
			],
		},
		segmentDropdown({ dependsOn: ['event'] }),
		stageDropdown({ dependsOn: ['event'] }),
		stepDropdown({ dependsOn: ['event', 'relationFilter.segment', 'relationFilter.stage'] }),
	],
};

const changeFilters: INodeProperties = {
	displayName: 'Change Conditions',
	name: 'changeFilters',
	type: 'fixedCollection',
	placeholder: 'Add Change Condition',
	typeOptions: { multipleValues: true },
	default: {},
	displayOptions: { show: { filterMode: ['fields'], event: AUDIT_EVENTS } },
	description:
		'Audited changes to deliver; all conditions must match. Leave Before and After empty ' +
		'for any change of the field.',
	options: [
		{
			displayName: 'Change',
			name: 'change',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'field',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getChangeFields', loadOptionsDependsOn: ['event'] },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Before Name or ID',
					name: 'before',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getChangeValues',
						loadOptionsDependsOn: ['event', '&field'],
					},
					default: '',
					description:
						'Value before the change, from the list of the chosen field; Any Value for any, empty to not check it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'After Name or ID',
					name: 'after',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getChangeValues',
						loadOptionsDependsOn: ['event', '&field'],
					},
					default: '',
					description:
						'Value after the change, from the list of the chosen field; Any Value for any, empty to not check it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
};

const filtersJsonDescription =
	'An array of filters; a change is delivered when one matches. Each filter has the ' +
	'relation fragment ("person", "company" or "project", as the event) and, for audit ' +
	'events, "changes": {"stage": {"before": "lead", "after": "*"}}. Empty: no filter. ' +
	'Checked before the workflow is activated.';

/** Version 1.1: empty by default, the example is only a placeholder. */
const filtersJson: INodeProperties = {
	displayName: 'Filters (JSON)',
	name: 'filtersJson',
	type: 'json',
	default: '',
	placeholder: '[{ "person": { "stage": "lead" } }]',
	displayOptions: { show: { filterMode: ['json'], '@version': [{ _cnd: { gte: 1.1 } }] } },
	description: filtersJsonDescription,
};

/**
 * Version 1 had this example as its default value. n8n saves only values that differ from the
 * default, so version 1 workflows that kept it rely on it: they keep it.
 */
export const FILTERS_JSON_V1_DEFAULT = '[\n  {\n    "person": { "stage": "lead" }\n  }\n]';
const filtersJsonV1: INodeProperties = {
	...filtersJson,
	default: FILTERS_JSON_V1_DEFAULT,
	placeholder: undefined,
	displayOptions: { show: { filterMode: ['json'], '@version': [1] } },
};

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Human-Readable Values',
			name: 'humanReadable',
			type: 'boolean',
			default: false,
			description:
				'Whether to output labels instead of Cloze codes: segment, stage and step names, ' +
				"the assignee's name, keyword custom field labels and dates as ISO 8601, in the " +
				"record and in the changes' before and after. Cloze is also asked for values as " +
				'its UI shows them (client type "human"). Off: the codes, as Cloze sends them.',
		},
		{
			displayName: 'Skip Duplicates',
			name: 'skipDuplicates',
			type: 'boolean',
			default: true,
			description:
				'Whether to leave out a relation whose record and change time this trigger ' +
				'delivered before (a delivery sent again starts ' +
				'no second run). Remembers the last 2,000 changes.',
		},
		{
			displayName: 'Time to Live (Seconds)',
			name: 'ttl',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How long the subscription lasts; 0 keeps it until the workflow is deactivated. An ' +
				'expired subscription delivers nothing until the workflow is activated again.',
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Activate the workflow and Cloze sends each change to this node's production URL. " +
			'n8n must be reachable from the internet (set ' +
			'WEBHOOK_URL to its public HTTPS address).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	authenticationProperty,
	event,
	...scopeFields({}),
	filterMode,
	relationFilter,
	changeFilters,
	filtersJson,
	filtersJsonV1,
	simplify,
	options,
];
