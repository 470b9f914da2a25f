import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerFields, isRecord } from '../../shared/records';
import { routedRequest } from '../../shared/transport';

/**
 * The output of a write that Cloze answers with its status only (`{ errorcode: 0 }`): timeline
 * records, team member updates, webhook subscriptions. The item is what was written, as sent (the
 * body the form built, in Cloze's field names, so that a next node can map it), plus whatever
 * identifiers Cloze's answer holds (e.g. a subscription's `uniqueid`); never Cloze's `errorcode`.
 */

/** The body a routed request sends (after its preSends), copied before the request is made. */
export function sentBody(requestData: DeclarativeRestApiSettings.ResultOptions): IDataObject {
	const body = requestData.options.body as unknown;
	return isRecord(body) ? { ...body } : {};
}

/**
 * Paginator (`routing.operations.pagination`) of such a write: one request through the driver,
 * one item holding the fields sent and Cloze's identifiers.
 */
export async function writtenFields(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const sent = sentBody(requestData);
	const answer = await routedRequest(this, requestData);
	return [{ json: { ...sent, ...answerFields(answer[0]?.json) } }];
}
