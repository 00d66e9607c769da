/**
 * Every row of a `{data, next_cursor}` list, following the cursor up to `maxPages` pages (a queue
 * page wants all of its rows to sort them itself; the cap keeps a runaway list from hanging it).
 * `truncated` says the cap was hit.
 *
 *   const { rows } = await allPages((cursor) => call(api.staffApi.GET('/api/v1/orders', { params: { query: { attention: true, limit: 200, cursor } } })));
 */
export async function allPages<Row>(load: (cursor: string | undefined) => Promise<{ data: Row[]; next_cursor: string | null }>, maxPages = 5): Promise<{ rows: Row[]; truncated: boolean }> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await load(cursor);
    rows.push(...answer.data);
    if (answer.next_cursor === null) return { rows, truncated: false };
    cursor = answer.next_cursor;
  }
  return { rows, truncated: true };
}
