import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { fromEvent, map } from 'rxjs';

/** Whether this tab is on screen: what a background tab shows has not been seen. */
@Injectable({ providedIn: 'root' })
export class PageVisibility {
  private readonly document = inject(DOCUMENT);

  readonly visible = toSignal(fromEvent(this.document, 'visibilitychange').pipe(map(() => this.isVisible())), {
    initialValue: this.isVisible(),
  });

  private isVisible(): boolean {
    return this.document.visibilityState === 'visible';
  }
}
