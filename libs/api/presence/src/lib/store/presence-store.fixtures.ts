import { StaffRole } from '@derm/shared/contracts';
import { PresenceConnection, PresenceViewing } from './presence-store';

/** Shared by the specs of every PresenceStore implementation. */
export const T0 = Date.parse('2030-01-01T09:00:00.000Z');

export const connection = (userId: string, socketId: string, role: StaffRole = 'nurse'): PresenceConnection => ({
  tenantId: 't1',
  userId,
  name: `Name ${userId}`,
  role,
  socketId,
  connectedAt: new Date(T0),
});

export const viewing = (userId: string, socketId: string, patientId = 'p1', at = T0): PresenceViewing => ({
  tenantId: 't1',
  patientId,
  userId,
  name: `Name ${userId}`,
  socketId,
  startedAt: new Date(at),
});
