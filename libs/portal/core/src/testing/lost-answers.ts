import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { IDEMPOTENCY_KEY_HEADER } from '@derm/shared/contracts';

/**
 * For specs of a service that sends a write again when its answer is lost: HTTP answered by the
 * test, on fake timers for the retries' delays. Set up before each test; after it, every request
 * must have been answered.
 */
export function serverAnsweredByTest(): { readonly http: HttpTestingController } {
  const server = {} as { http: HttpTestingController };
  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    server.http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    server.http.verify();
    jest.useRealTimers();
  });
  return server;
}

/** The idempotency key a request carried. */
export const keyOf = (request: TestRequest): string | null => request.request.headers.get(IDEMPOTENCY_KEY_HEADER);

/** No answer reached the client: the server may or may not have done the write. */
export const answerLost = (request: TestRequest): void => request.error(new ProgressEvent('error'), { status: 0 });
