/** The Cloze API's endpoints, "METHOD /path" each, from test/contract/endpoints.txt. */
export const ENDPOINTS: readonly string[];
