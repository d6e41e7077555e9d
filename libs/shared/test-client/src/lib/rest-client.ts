import { LoginResponse } from '@derm/shared/contracts';

export interface RestResponse<T> {
  status: number;
  /** The parsed JSON; the text itself when the response is not JSON. */
  body: T;
}

/** A small REST client acting as one signed-in staff member. */
export class RestClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  get<T>(path: string): Promise<RestResponse<T>> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body?: unknown): Promise<RestResponse<T>> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T>(path: string): Promise<RestResponse<T>> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // An HTML page or a proxy's error is answered as its text, so the status still reaches the test.
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: (text ? (json ? JSON.parse(text) : text) : undefined) as T };
  }
}

/** Signs in over REST; throws with the server's answer when it refuses. */
export async function login(baseUrl: string, email: string, password = 'demo-password'): Promise<LoginResponse> {
  const { status, body } = await new RestClient(baseUrl).post<LoginResponse>('/api/auth/login', { email, password });
  if (status !== 200) throw new Error(`Login as ${email} failed with ${status}: ${JSON.stringify(body)}`);
  return body;
}
