/** One entity tag of a conditional header (RFC 9110 §8.8.3): `"3"`, or weak `W/"3"`. */
export interface EntityTag {
  weak: boolean;
  /** What is between the quotes. */
  opaque: string;
}

/** Optional whitespace and empty list elements, which a recipient must accept (RFC 9110 §5.6.1). */
const SEPARATORS = /^[ \t,]*/;
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*/;

/**
 * The entity tags of a comma-separated list such as `If-Match`'s, in order; undefined when the
 * field is not such a list (a bare `3`, an unclosed quote, two tags without a comma) or names none.
 */
export function entityTags(field: string): EntityTag[] | undefined {
  const tags: EntityTag[] = [];
  let rest = field.replace(SEPARATORS, '');
  while (rest !== '') {
    const tag = ENTITY_TAG.exec(rest);
    if (!tag) return undefined;
    tags.push({ weak: tag[1] !== undefined, opaque: tag[2] });
    rest = rest.slice(tag[0].length);
    if (rest !== '' && !rest.startsWith(',')) return undefined;
    rest = rest.replace(SEPARATORS, '');
  }
  return tags.length > 0 ? tags : undefined;
}
