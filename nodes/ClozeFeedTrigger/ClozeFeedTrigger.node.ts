import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { humanReadableOption } from '../shared/readable';
import { authenticationProperty, clozeCredentials } from '../shared/credentials';
import { segmentDropdown, stageDropdown, stepDropdown } from '../shared/dropdowns';
import { loadOptions } from '../shared/loadOptions';
import { RELATIONS } from '../shared/relations';
import { scopeFields } from '../shared/scope';
import { pollFeed, sampleFeed } from './feed';

const KINDS = Object.values(RELATIONS);
const ALL_RESOURCES = { show: { resource: KINDS.map(({ kind }) => kind) } };

/** The kinds it watches, by name: "Company", "Person", "Project". */
const RESOURCE_OPTIONS = KINDS.map(({ kind, label, nounPlural }) => ({
	name: label,
	value: kind,
	description: `New and changed ${nounPlural}`,
})).sort((a, b) => a.name.localeCompare(b.name));

export class ClozeFeedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloze Feed Trigger',
		name: 'clozeFeedTrigger',
		icon: { light: 'file:../../icons/cloze.svg', dark: 'file:../../icons/cloze.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ "Changes to " + ({ person: "people", company: "companies", project: "projects" ' +
			'}[$parameter["resource"]] || "people") }}',
		description:
			'Starts the workflow when people, companies or projects change in Cloze, by polling ' +
			'(no public URL needed)',
		defaults: { name: 'Cloze Feed Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: clozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCE_OPTIONS,
				default: 'person',
				description: 'The kind of Cloze record to watch',
			},
			...scopeFields(ALL_RESOURCES),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Free-Form Query',
						name: 'freeformquery',
						type: 'string',
						default: '',
						placeholder: 'e.g. name Johnstone',
						description: 'Only records matching this query, written as in the Cloze search box',
					},
					segmentDropdown({ dependsOn: ['resource'], purpose: 'Only records in this segment' }),
					stageDropdown({ dependsOn: ['resource'], purpose: 'Only records in this stage' }),
					{
						...stepDropdown({
							dependsOn: ['filters.segment', 'filters.stage'],
							purpose:
								'Only companies at this next step (the reference names step for the ' +
								'companies feed only)',
						}),
						displayOptions: { show: { '/resource': ['company'] } },
					},
				],
			},
			{
				displayName: 'Include Audited Changes',
				name: 'includeAuditedChanges',
				type: 'boolean',
				default: false,
				description:
					'Whether to emit only records whose audited fields (segment, stage, step or a ' +
					'custom field) changed, each with the values before and after',
			},
			{
				displayName: 'Include Existing Records',
				name: 'includeExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation emits every record that exists already ' +
					'(oldest change first), instead of only the changes made from then on',
			},
			{
				displayName: 'Skip Duplicates',
				name: 'skipDuplicates',
				type: 'boolean',
				default: true,
				description:
					'Whether to leave out a record this trigger emitted before with the same change ' +
					'time (e.g. when the feed is read again after Cloze refused the stored cursor). ' +
					'Remembers the last 2,000 changes.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [humanReadableOption],
			},
			{
				displayName:
					'Changing the resource or a filter of an active trigger starts the feed anew: ' +
					'from that moment on, or from the oldest record with Include Existing Records',
				name: 'restartNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = {
		loadOptions,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// "Fetch Test Event" shows the newest record and leaves the active trigger's cursor alone.
		if (this.getMode() === 'manual') return await sampleFeed(this);
		return await pollFeed(this);
	}
}
