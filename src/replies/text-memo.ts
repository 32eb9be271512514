/**
 * What is derived from a piece of topic text, worked out once and reused: the same few hundred
 * bodies and parts recur in every answer. Bounded: cleared when it would grow past `limit` (a
 * reload brings new texts; the old ones are not kept alive for long).
 */
export function memoByText<T>(derive: (text: string) => T, limit = 4096): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let found = memo.get(text);
    if (found === undefined) {
      if (memo.size >= limit) memo.clear();
      memo.set(text, (found = derive(text)));
    }
    return found;
  };
}
