/** The body fields a PATCH actually gives (for the `*.updated` event's `fields`), without `version`. */
export function changedFields(body: object): string[] {
  return Object.entries(body)
    .filter(([key, value]) => key !== 'version' && value !== undefined)
    .map(([key]) => key)
    .sort();
}
