import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { followCursor } from './follow-cursor';

/** Reads a whole list route, for the lists a page must show in full (a day's schedule, the staff). */
@Injectable({ providedIn: 'root' })
export class AllPages {
  private readonly http = inject(HttpClient);

  get<T>(url: string, params: Record<string, string> = {}): Observable<T[]> {
    return followCursor((cursor) =>
      this.http.get<T[]>(url, { params: cursor ? { ...params, cursor } : params, observe: 'response' }),
    );
  }
}
