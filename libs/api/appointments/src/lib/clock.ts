import { Injectable } from '@nestjs/common';

/**
 * What time it is, for the schedule's rules (a booking in the past, a check-in on its day). A
 * provider of its own so that a test module can fix the hour (`{ provide: Clock, useValue }`).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
