import { IsJWT } from 'class-validator';
import { SessionRefreshCommand } from '@derm/shared/contracts';

export class SessionRefreshDto implements SessionRefreshCommand {
  @IsJWT()
  token!: string;
}
