import { BadRequestException } from '@nestjs/common';
import { AuditQuery } from './audit.query';

/** An audit query's `from` / `to` as instants; 400 for an interval that ends before it starts. */
export function auditInterval({ from, to }: Pick<AuditQuery, 'from' | 'to'>): { from?: Date; to?: Date } {
  const interval = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
  if (interval.from && interval.to && interval.from > interval.to) {
    throw new BadRequestException('from must not be after to');
  }
  return interval;
}
