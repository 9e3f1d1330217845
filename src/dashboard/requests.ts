/**
 * The dashboard's requests, a few at a time and the most wanted first. A view needs about ten requests at once
 * (the subject, its profile, trail and findings, the offers, England's trusts, the suppliers, a page of insights);
 * sent together to a server that has just started they share its CPU and its cold caches, and on a large graph each
 * can pass the server's request deadline (REQUEST_TIMEOUT_MS) that alone it would meet. So at most `concurrency`
 * are in flight; the rest wait in order of priority (lower first, then first asked). A request that passed the
 * deadline is not sent again by itself: its statement goes on in Neo4j after the deadline, and on a starved server a
 * second one piles onto the first (the view offers "Try again" instead). Requests of a view the user has left are
 * dropped before they are sent (`signal`).
 * Three rules keep what the reader waits for first in front:
 * - requests are started a microtask after they are asked, so that all those a render asks for (the page's own and
 *   the view's) are ordered by priority before the first goes, whichever effect asked first;
 * - while a subject's heading, profile or first page is in flight, nothing of lower priority starts: on two cores
 *   shared with the browser, the picker's list and the trail sent beside them tripled the first page's time;
 * - pages and background requests never hold the last slot, so that the heading or profile of a subject the reader
 *   opens next starts at once even while a long trail's pages are loading.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

import type { Client } from '../client/index.js';

/** What is asked first: the subject's heading and profile, then what the view shows next, then the background. */
export const PRIORITY = { subject: 0, view: 1, page: 2, background: 3 } as const;

export interface RequestOptions {
  priority: number;
  signal?: AbortSignal;
}

export type Requester = <R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V, options: RequestOptions) => Promise<R>;

interface Waiting {
  priority: number;
  order: number;
  run(): void;
}

export function createRequester(client: Client, { concurrency = 3 }: { concurrency?: number } = {}): Requester {
  const waiting: Waiting[] = [];
  let running = 0;
  /** How many of those running are of the subject's priority. */
  let runningFirst = 0;
  let asked = 0;

  let scheduled = false;
  const next = () => {
    scheduled = false;
    waiting.sort((a, b) => a.priority - b.priority || a.order - b.order);
    while (waiting.length > 0) {
      const { priority } = waiting[0]!;
      if (priority > PRIORITY.subject && runningFirst > 0) return;
      const slots = priority <= PRIORITY.view ? concurrency : Math.max(1, concurrency - 1);
      if (running >= slots) return;
      running += 1;
      waiting.shift()!.run();
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(next);
  };

  return (document, variables, { priority, signal }) =>
    new Promise((resolve, reject) => {
      waiting.push({
        priority,
        order: (asked += 1),
        run: () => {
          const first = priority <= PRIORITY.subject;
          if (first) runningFirst += 1;
          const attempt = async () => {
            if (signal?.aborted) throw signal.reason;
            return (client.request as (d: typeof document, v: typeof variables) => Promise<never>)(document, variables);
          };
          attempt()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              if (first) runningFirst -= 1;
              schedule();
            });
        },
      });
      schedule();
    });
}
