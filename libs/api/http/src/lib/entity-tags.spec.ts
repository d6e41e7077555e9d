import { entityTags } from './entity-tags';

describe('entityTags', () => {
  it('reads strong and weak tags of a list, skipping whitespace and empty elements', () => {
    expect(entityTags('"3"')).toEqual([{ weak: false, opaque: '3' }]);
    expect(entityTags(' W/"3" ,, "4",')).toEqual([
      { weak: true, opaque: '3' },
      { weak: false, opaque: '4' },
    ]);
  });

  it('keeps a comma inside quotes as part of the tag', () => {
    expect(entityTags('"1,2", ""')).toEqual([
      { weak: false, opaque: '1,2' },
      { weak: false, opaque: '' },
    ]);
  });

  it('refuses what is not a list of entity tags', () => {
    for (const field of ['3', '"3', 'w/"3"', 'W/3', '"3" "4"', '*', '*, "3"', '"a b"', '', ' , ']) {
      expect({ field, tags: entityTags(field) }).toEqual({ field, tags: undefined });
    }
  });
});
