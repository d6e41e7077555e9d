import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages } from '@derm/portal/core';
import { StaffAccount, UpdateStaffRequest } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** The clinic's accounts, for its admins: every one of them, and the change of one. */
@Injectable({ providedIn: 'root' })
export class StaffAccountsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);

  /** Every account of the clinic by name, deactivated ones included. */
  list(): Observable<StaffAccount[]> {
    return this.allPages.get<StaffAccount>('/api/staff/accounts');
  }

  /** Deactivating ends every session of that person at once; a role change applies within a second. */
  update(id: string, change: UpdateStaffRequest): Observable<StaffAccount> {
    return this.http.patch<StaffAccount>(`/api/staff/${encodeURIComponent(id)}`, change);
  }
}
