import { Injectable } from '@nestjs/common';
import { Transactions } from '@derm/api/database';
import { PatientFinder, ReadRequest } from '@derm/api/patients';
import { MessageThreadEntity } from './entities/message-thread.entity';

/**
 * The patient a thread is about, for the access log of a read of its messages (whose answer does
 * not name them); none for staff talking among themselves.
 */
@Injectable()
export class ThreadPatientFinder implements PatientFinder {
  constructor(private readonly transactions: Transactions) {}

  async patientOf({ user, params }: ReadRequest): Promise<string | undefined> {
    const thread = await this.transactions
      .repository(MessageThreadEntity)
      .findOne({ select: { patientId: true }, where: { tenantId: user.tenantId, id: String(params['id']) } });
    return thread?.patientId ?? undefined;
  }
}
