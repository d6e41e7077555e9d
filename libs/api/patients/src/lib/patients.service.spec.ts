import { NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { addTextSearchFunctions } from '@derm/api/database';
import { PatientEntity } from './patient.entity';
import { PatientsService } from './patients.service';

const PAGE = { size: 50 };

describe('PatientsService', () => {
  let service: PatientsService;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          synchronize: true,
          entities: [PatientEntity],
          prepareDatabase: addTextSearchFunctions,
        }),
        TypeOrmModule.forFeature([PatientEntity]),
      ],
      providers: [PatientsService],
    }).compile();
    service = moduleRef.get(PatientsService);
    await moduleRef.get<Repository<PatientEntity>>(getRepositoryToken(PatientEntity)).insert([
      { id: 'p2', tenantId: 't1', displayName: 'Zoe Adams', dateOfBirth: '1990-01-01', mrn: 'A-2' },
      { id: 'p1', tenantId: 't1', displayName: 'Ann Blake', dateOfBirth: '1980-01-01', mrn: 'A-1' },
      { id: 'p3', tenantId: 't2', displayName: 'Other Clinic', dateOfBirth: '1970-01-01', mrn: 'B-1' },
      { id: 'p4', tenantId: 't1', displayName: 'Inés Muñoz', dateOfBirth: '1985-01-01', mrn: 'A-4' },
      { id: 'p5', tenantId: 't2', displayName: 'José Muñoz', dateOfBirth: '1975-01-01', mrn: 'B-2' },
      { id: 'p6', tenantId: 't3', displayName: 'Сергей Йорданов', dateOfBirth: '1979-01-01', mrn: 'A-6' },
      { id: 'p7', tenantId: 't3', displayName: 'Łukasz Żak', dateOfBirth: '1988-01-01', mrn: 'A-7' },
      { id: 'p8', tenantId: 't3', displayName: 'Σοφία Παπαδοπούλου', dateOfBirth: '1991-01-01', mrn: 'A-8' },
    ]);
  });

  it("lists one clinic's patients by name", async () => {
    expect((await service.list('t1', PAGE)).items.map((p) => p.id)).toEqual(['p1', 'p4', 'p2']);
  });

  it("finds one clinic's patients by part of the name or the start of the MRN, case aside", async () => {
    const found = async (search: string) => (await service.list('t1', PAGE, search)).items.map((p) => p.id);
    expect(await found('blake')).toEqual(['p1']);
    expect(await found('a')).toEqual(['p1', 'p4', 'p2']);
    expect(await found('ann b')).toEqual(['p1']);
    expect(await found('a-2')).toEqual(['p2']);
    expect(await found('2')).toEqual([]);
    expect(await found('other')).toEqual([]);
    expect(await found('b-1')).toEqual([]);
    expect((await service.list('t1', { size: 1 }, 'a')).nextCursor).toBeDefined();
  });

  it('finds a name whatever its accents and case, as typed on any keyboard', async () => {
    const found = async (search: string) => (await service.list('t1', PAGE, search)).items.map((p) => p.id);
    for (const search of ['munoz', 'MUNOZ', 'muñoz', 'MUÑOZ', 'Ines', 'inés mu'])
      expect(await found(search)).toEqual(['p4']);
    expect(await found('jose')).toEqual([]);
  });

  it('finds names of any script as written, in either case, and without their accents', async () => {
    const found = async (search: string) => (await service.list('t3', PAGE, search)).items.map((p) => p.id);
    for (const search of ['Йорданов', 'йорданов', 'ЙОРДАНОВ', 'сергей']) expect(await found(search)).toEqual(['p6']);
    for (const search of ['Łukasz', 'ŁUKASZ', 'lukasz', 'zak']) expect(await found(search)).toEqual(['p7']);
    for (const search of ['Σοφία', 'ΣΟΦΊΑ', 'σοφια']) expect(await found(search)).toEqual(['p8']);
  });

  it('answers not found for a patient of another clinic', async () => {
    await expect(service.get('t1', 'p3')).rejects.toBeInstanceOf(NotFoundException);
    expect((await service.get('t2', 'p3')).displayName).toBe('Other Clinic');
  });
});
