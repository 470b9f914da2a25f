/**
 * What a form of the node shows, read as n8n reads it: the options of a collection that show for
 * the node's values (the node joins the collections of several operations into one, each option
 * shown for the forms it came from: nodes/Cloze/shared/merge.ts), without those conditions.
 */
import type { INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** A Cloze node as n8n passes it to its display rules. */
export const formNode = {
	name: 'Cloze',
	type: 'n8n-nodes-cloze.cloze',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

/**
 * The options of `collection` n8n shows for the node's `values`, each without the resources and
 * operations it shows for (`/resource`, `/operation`), as the operation files define them.
 */
export function shownOptions(
	collection: INodeProperties,
	values: INodeParameters,
	description: INodeTypeDescription | null = null,
): INodeProperties[] {
	return ((collection.options ?? []) as INodeProperties[])
		.filter((option) =>
			NodeHelpers.displayParameterPath(values, option, collection.name, formNode, description),
		)
		.map((option) => {
			const show = { ...option.displayOptions?.show };
			delete show['/resource'];
			delete show['/operation'];
			const displayOptions: INodeProperties['displayOptions'] = { ...option.displayOptions, show };
			if (!Object.keys(show).length) delete displayOptions.show;
			const written: INodeProperties = { ...option, displayOptions };
			if (!Object.keys(displayOptions).length) delete written.displayOptions;
			return written;
		});
}
