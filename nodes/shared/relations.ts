/** The three kinds of Cloze relation: people, companies and projects. */
export type RelationKind = 'person' | 'company' | 'project';

export interface RelationInfo {
	/** The resource value of the Cloze node, and Cloze's `relationtype`. */
	kind: RelationKind;
	/** Path segment of the API (`/v1/<plural>/...`) and the property holding a list of records. */
	plural: 'people' | 'companies' | 'projects';
	/** "Person", "Company", "Project". */
	label: string;
	/** "person", "company", "project": for sentences. */
	noun: string;
	/** "people", "companies", "projects": for sentences. */
	nounPlural: string;
}

export const RELATIONS: Record<RelationKind, RelationInfo> = {
	person: {
		kind: 'person',
		plural: 'people',
		label: 'Person',
		noun: 'person',
		nounPlural: 'people',
	},
	company: {
		kind: 'company',
		plural: 'companies',
		label: 'Company',
		noun: 'company',
		nounPlural: 'companies',
	},
	project: {
		kind: 'project',
		plural: 'projects',
		label: 'Project',
		noun: 'project',
		nounPlural: 'projects',
	},
};

/** `/v1/people/find` and its siblings. */
export function relationPath(kind: RelationKind, endpoint: string): string {
	return `/v1/${RELATIONS[kind].plural}/${endpoint}`;
}
