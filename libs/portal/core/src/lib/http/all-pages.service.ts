import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { followCursor } from './follow-cursor';
import { ListPages } from './list-pages.service';

/** Reads a whole list route, for the lists a page must show in full (a day's schedule, the staff). */
@Injectable({ providedIn: 'root' })
export class AllPages {
  private readonly pages = inject(ListPages);

  get<T>(url: string, params: Record<string, string> = {}): Observable<T[]> {
    return followCursor((cursor) => this.pages.get<T>(url, params, cursor));
  }
}
