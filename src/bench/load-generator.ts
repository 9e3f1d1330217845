/** Drives one HTTP endpoint with autocannon and keeps every response time, so percentiles are exact. */
import autocannon from 'autocannon';

import { percentile } from './stats.js';

export interface LoadRequest {
  url: string;
  /** JSON body, sent as POST application/json. */
  body: string;
  /** More request headers (a bearer token). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx responses. */
  errors: number;
}

export async function runLoad(request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  let settle: (outcome: { error: unknown; result: autocannon.Result }) => void = () => {};
  const done = new Promise<{ error: unknown; result: autocannon.Result }>((resolve) => (settle = resolve));
  // The callback form returns the running instance, whose 'response' events carry each response time.
  const options = {
    url: request.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
    connections,
    duration: seconds,
    timeout: 30,
  };
  const instance = autocannon(options, (error, result) => settle({ error, result }));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const { error, result } = await done;
  if (error) throw error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`);
  return {
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
