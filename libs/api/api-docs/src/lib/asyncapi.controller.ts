import { Controller, Get, NotFoundException } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Public } from '@derm/api/auth';

/** Written next to the bundle by the build (asyncapi:generate, from libs/shared/contracts). */
const ASYNCAPI_FILE = join(__dirname, 'asyncapi.json');

/** The machine-readable real-time contract: public, it describes shapes and carries no clinic data. */
@Controller()
export class AsyncApiController {
  private document?: Promise<unknown>;

  @Public()
  @Get('asyncapi.json')
  asyncApi(): Promise<unknown> {
    this.document ??= readFile(ASYNCAPI_FILE, 'utf8').then((text) => JSON.parse(text) as unknown);
    return this.document.catch(() => {
      this.document = undefined;
      throw new NotFoundException('The AsyncAPI document was not built with this API');
    });
  }
}
