import { OPENAPI_JSON_PATH, OPENAPI_PAGE_PATH } from './openapi';

/** Where the AsyncAPI document is served (`AsyncApiController`, under the `api` prefix). */
export const ASYNCAPI_JSON_PATH = 'api/asyncapi.json';

/**
 * Every path of the API's public description (the OpenAPI document in JSON and YAML, its page and
 * the page's files, the AsyncAPI document): anyone may ask for them, so each client address gets a
 * budget of them (`PublicDocumentBudget` in @derm/api/auth).
 */
export const API_DOCUMENT_PATHS = [
  `/${OPENAPI_JSON_PATH}`,
  `/${OPENAPI_PAGE_PATH}`,
  `/${OPENAPI_PAGE_PATH}-yaml`,
  `/${ASYNCAPI_JSON_PATH}`,
];
