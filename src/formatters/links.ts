// Where a rule is documented, for formats that link to it (SARIF helpUri, markdown).
export const CRITERIA_DOCS_URL = 'https://github.com/partner-check/partner-check/blob/main/docs/criteria.md';

export function ruleDocsUrl(ruleId: string): string {
  return `${CRITERIA_DOCS_URL}#${ruleId.toLowerCase()}`;
}
