import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AnnouncementView, CreateAnnouncementRequest } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** Clinic-wide announcements over REST (admins only). */
@Injectable({ providedIn: 'root' })
export class AnnouncementsApi {
  private readonly http = inject(HttpClient);

  send(request: CreateAnnouncementRequest): Observable<AnnouncementView> {
    return this.http.post<AnnouncementView>('/api/announcements', request);
  }
}
