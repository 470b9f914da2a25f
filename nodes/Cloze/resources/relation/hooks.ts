import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodePropertyRouting,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { relationBody, writtenIdentifier } from './body';

/** The identifier the record locator holds (Get, Update, Delete). */
export function chosenRecord(context: IExecuteSingleFunctions): string {
	const locator = context.getNodeParameter('record') as INodeParameterResourceLocator | string;
	const value = typeof locator === 'object' && locator !== null ? locator.value : locator;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** `preSend` of Get and Delete: refuses an empty record locator before any request. */
export function requireRecord(kind: RelationKind) {
	return async function requireChosenRecord(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const uniqueid = chosenRecord(this);
		if (uniqueid === '') {
			throw inputError(this.getNode(), `${RELATIONS[kind].label} is required`, {
				description: `Choose the ${RELATIONS[kind].noun} from the list, or give its e-mail, phone, domain or Cloze ID.`,
			});
		}
		requestOptions.qs = { ...(requestOptions.qs ?? {}), uniqueid };
		return requestOptions;
	};
}

/** Whether the form asks for simplified records (Simplify on). */
export function wantsSimple(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('simplify', true) === true;
}

/**
 * `postReceive` of Create and Update: Cloze answers only `{ errorcode, message }`; the item adds
 * `uniqueid`, the identifier to read the record back with.
 */
export function writeResult(kind: RelationKind, operation: 'create' | 'update') {
	return async function writtenRecord(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		return [{ json: { ...(response.body as IDataObject), uniqueid: writtenIdentifier(this, kind, operation) } }];
	};
}

/** Routing of Create and Update: `POST /v1/<kind>/<operation>` with the body built from the form. */
export function writeRouting(kind: RelationKind, operation: 'create' | 'update'): INodePropertyRouting {
	return {
		request: { method: 'POST', url: relationPath(kind, operation) },
		send: { preSend: [relationBody(kind, operation)] },
		output: { postReceive: [writeResult(kind, operation)] },
	};
}
