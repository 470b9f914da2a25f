import type { INodeProperties } from 'n8n-workflow';

/**
 * THE account-backed dropdowns of every node (the Cloze node's forms, the Cloze Trigger's and the
 * Feed Trigger's filters): a list the load-options method fills, by label, accepting an ID typed
 * as an expression. Each is defined once here; what differs between forms is an argument: the
 * parameters the list depends on (`dependsOn`), what the value is for (`purpose`), a `hint`.
 * The load-options methods are in `loadOptions.ts`.
 */

const CHOOSE =
	'Choose from the list, or specify an ID using an ' +
	'<a href="https://docs.n8n.io/code/expressions/">expression</a>';

export interface DropdownOptions {
	/** Parameters whose values the list depends on (`loadOptionsDependsOn`), e.g. `['event']`. */
	dependsOn?: string[];
	/**
	 * What the value is for, put before "Choose from the list…", e.g. "Only records in this segment".
	 */
	purpose?: string;
}

/**
 * A dropdown named `name`, shown as "<label> Name or ID", filled by the load-options method
 * `method`.
 */
export function accountDropdown(
	name: string,
	label: string,
	method: string,
	hint?: string,
	options: DropdownOptions = {},
): INodeProperties {
	return {
		displayName: `${label} Name or ID`,
		name,
		type: 'options',
		typeOptions: options.dependsOn
			? { loadOptionsMethod: method, loadOptionsDependsOn: options.dependsOn }
			: { loadOptionsMethod: method },
		default: '',
		description: options.purpose ? `${options.purpose}. ${CHOOSE}.` : CHOOSE,
		...(hint ? { hint } : {}),
	};
}

/**
 * Segment (people and companies, or projects: `getSegments` reads the form's resource or event).
 */
export function segmentDropdown(options: DropdownOptions = {}): INodeProperties {
	return accountDropdown('segment', 'Segment', 'getSegments', undefined, options);
}

/** Stage (of people and companies, or of projects, as for the segment). */
export function stageDropdown(options: DropdownOptions = {}): INodeProperties {
	return accountDropdown('stage', 'Stage', 'getStages', undefined, options);
}

/**
 * A step: `getSteps` lists the steps of the segment and stage chosen in the same form (all steps
 * when none is chosen), so `dependsOn` names those fields.
 */
export function stepDropdown(
	options: DropdownOptions & { name?: string; label?: string; hint?: string } = {},
): INodeProperties {
	const { name = 'step', label = 'Step', hint, ...rest } = options;
	return accountDropdown(name, label, 'getSteps', hint, rest);
}

/** One of the account's custom fields of the form's relation kind (`getCustomFields`). */
export function customFieldDropdown(name: string, options: DropdownOptions = {}): INodeProperties {
	return accountDropdown(name, 'Field', 'getCustomFields', undefined, options);
}

/**
 * A team member chosen from the account's members (`/v1/team/members/list`; the value is the
 * member's e-mail), sent as body property `sendAs` when given; `hint` says what the member is for.
 */
export function teamMemberField(
	name: string,
	label: string,
	hint: string,
	sendAs?: string,
): INodeProperties {
	const field = accountDropdown(name, label, 'getTeamMembers', hint);
	if (sendAs) field.routing = { send: { type: 'body', property: sendAs } };
	return field;
}
