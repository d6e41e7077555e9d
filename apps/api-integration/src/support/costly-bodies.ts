/** A body within the size limit that costs the most to parse and refuse: 9,000 keys, about 89 KB. */
export const MANY_KEYS = JSON.stringify(Object.fromEntries(Array.from({ length: 9000 }, (_, i) => [`k${i}`, 1])));
/** Over the 100 KB limit of a JSON body. */
export const TOO_LARGE = JSON.stringify({ email: 'x'.repeat(200_000) });
/** About 1 MB. */
export const ONE_MEGABYTE = JSON.stringify({ email: 'x'.repeat(1_000_000) });
