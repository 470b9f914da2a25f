import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

type GetNodeParameter = IExecuteSingleFunctions['getNodeParameter'];

/** Contexts whose parameter reads are already remembered. */
const remembering = new WeakSet<object>();

/**
 * `preSend` of the Cloze node's Resource parameter, the first hook of every item: from here on, the
 * item's context resolves each parameter once. The hooks of one item (the structured-value check,
 * the body builders, the paginators, the driver's settings) read the same parameters several
 * times, and each read of an expression runs n8n's expression engine again (about 0.1 ms each; on
 * 10,000 items of a bulk import, seconds before the first request). A read with options
 * (`extractValue`, `rawExpressions`…), or of a parameter the node does not hold (its fallback
 * decides), is passed on as it is; an object or array comes back as a copy, as from n8n itself,
 * so a caller that changes it changes nothing for the next one. A read that fails is not
 * remembered and fails again the same way.
 *
 * The paginators' context (`IExecutePaginationFunctions`) is made by n8n from the item's context
 * (`Object.create`), so it shares what was read.
 */
export async function readParametersOnce(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	rememberParameters(this);
	return requestOptions;
}

/**
 * Makes `context.getNodeParameter` resolve each parameter of the item once (see
 * {@link readParametersOnce}).
 */
export function rememberParameters(context: IExecuteSingleFunctions): void {
	if (remembering.has(context)) return;
	remembering.add(context);
	const read = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;
	const parameters = context.getNode().parameters;
	const resolved = new Map<string, unknown>();
	const remembered = (name: string, fallback?: unknown, options?: unknown): unknown => {
		if (options !== undefined || typeof name !== 'string' || parameters[name] === undefined)
			return read(name, fallback, options);
		let value: unknown;
		if (resolved.has(name)) value = resolved.get(name);
		else {
			value = read(name, fallback);
			resolved.set(name, value);
		}
		return value !== null && typeof value === 'object' ? deepCopy(value) : value;
	};
	Object.defineProperty(context, 'getNodeParameter', {
		value: remembered as GetNodeParameter,
		configurable: true,
		writable: true,
	});
}
