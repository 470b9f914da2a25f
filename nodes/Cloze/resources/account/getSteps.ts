import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { segmentDropdown, stageDropdown } from '../../../shared/dropdowns';
import { inputError } from '../../../shared/errors';

import { bodyOf, returnAllFields } from '../../shared/lists';
import { relationKindField } from './relationKind';

/** `preSend`: Cloze answers a stage filter only together with a segment. */
async function requireSegmentForStage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs = (requestOptions.qs ?? {}) as IDataObject;
	for (const key of ['segment', 'stage']) {
		if (typeof qs[key] === 'string') qs[key] = (qs[key] as string).trim();
		if (qs[key] === '') delete qs[key];
	}
	if (qs.stage !== undefined && qs.segment === undefined) {
		throw inputError(this.getNode(), 'Filters: a Stage needs a Segment', {
			description:
				'Cloze filters steps by stage only within a segment. Add the Segment filter too.',
		});
	}
	requestOptions.qs = qs;
	return requestOptions;
}

/**
 * `postReceive`: segment -> stage -> steps becomes one item per step, carrying its segment and
 * stage.
 */
async function flattenSteps(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	const segments = (bodyOf(items, response).segments ?? {}) as IDataObject;
	for (const [segment, stages] of Object.entries(segments)) {
		for (const [stage, holder] of Object.entries((stages as IDataObject) ?? {})) {
			const steps = ((holder as IDataObject | undefined)?.steps ?? []) as IDataObject[];
			for (const step of steps) out.push({ json: { segment, stage, ...step } });
		}
	}
	return out;
}

export const getStepsOperation: INodePropertyOptions = {
	name: 'Get Steps',
	value: 'getSteps',
	action: 'Get steps',
	description: 'Get the steps of each segment and stage, one item per step',
	routing: {
		request: { method: 'GET', url: '/v1/user/steps' },
		send: { preSend: [requireSegmentForStage] },
		output: { postReceive: [flattenSteps] },
	},
};

export const getStepsFields: INodeProperties[] = [
	relationKindField('getSteps', 'Whose segments and stages the filter lists offer'),
	...returnAllFields('account', 'getSteps'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['account'], operation: ['getSteps'] } },
		default: {},
		options: [
			{
				...segmentDropdown({
					dependsOn: ['relationKind'],
					purpose: 'Only the steps of this segment',
				}),
				routing: { send: { type: 'query', property: 'segment' } },
			},
			{
				...stageDropdown({
					dependsOn: ['relationKind'],
					purpose: 'Only the steps of this stage (needs a segment)',
				}),
				routing: { send: { type: 'query', property: 'stage' } },
			},
		],
	},
];
