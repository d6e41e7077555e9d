import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsString,
  IsUUID,
  MaxLength,
  validate,
  ValidateNested,
} from 'class-validator';
import { validationFields } from './validation-fields';

class Recipient {
  @IsUUID('4')
  id!: string;
}

class Alert {
  @IsString()
  @MaxLength(10)
  title!: string;

  @IsDefined({ message: 'send recipients (who is alerted)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => Recipient)
  recipients!: Recipient[];
}

const fieldsOf = async (body: object) => validationFields(await validate(plainToInstance(Alert, body)));

describe('validationFields', () => {
  it('says a field left out is required, or its @IsDefined words, and nothing of the rules a value would meet', async () => {
    expect(await fieldsOf({})).toEqual({
      title: ['title is required'],
      recipients: ['send recipients (who is alerted)'],
    });
  });

  it('names every rule a value given breaks, nested fields by their path', async () => {
    expect(await fieldsOf({ title: 'x'.repeat(11), recipients: [{ id: 'nope' }] })).toEqual({
      title: ['title must be shorter than or equal to 10 characters'],
      'recipients.0.id': ['id must be a UUID'],
    });
    expect((await fieldsOf({ title: 'Room 4', recipients: 'all' }))['recipients']).toHaveLength(4);
  });
});
