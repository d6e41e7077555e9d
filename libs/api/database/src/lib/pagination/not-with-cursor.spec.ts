import { IsOptional, IsString, validateSync } from 'class-validator';
import { NotWithCursor } from './not-with-cursor';

class Query {
  @IsOptional()
  @IsString()
  cursor?: string;

  @IsOptional()
  @NotWithCursor('an item id')
  before?: string;
}

const problems = (fields: Partial<Query>) =>
  validateSync(Object.assign(new Query(), fields)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('NotWithCursor', () => {
  it('takes either on its own, or neither', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ cursor: 'abc' })).toEqual([]);
    expect(problems({ before: 'x' })).toEqual([]);
  });

  it('refuses both, saying to send one of them', () => {
    expect(problems({ cursor: 'abc', before: 'x' })).toEqual([
      'send either cursor (from X-Next-Cursor, where the previous page ended) or before (an item id), not both',
    ]);
  });
});
