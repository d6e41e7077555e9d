import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { ListPage, toListPage } from './list-page';

/** Reads one page of a list route with the cursor of the next: what every list read goes through. */
@Injectable({ providedIn: 'root' })
export class ListPages {
  private readonly http = inject(HttpClient);

  get<T>(url: string, params: Record<string, string> = {}, cursor?: string): Observable<ListPage<T>> {
    return this.http
      .get<T[]>(url, { params: cursor ? { ...params, cursor } : params, observe: 'response' })
      .pipe(map((response) => toListPage(response)));
  }
}
