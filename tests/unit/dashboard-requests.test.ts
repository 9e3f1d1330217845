/**
 * The dashboard's request queue (src/dashboard/requests.ts): what a render asks for goes out by priority, and pages
 * and background requests leave a slot free. The client is a stand-in that records what was sent and answers when
 * the test says so; no server is involved.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';

import type { Client } from '../../src/client/index.js';
import { createRequester, PRIORITY } from '../../src/dashboard/requests.js';

function recordingClient() {
  const sent: string[] = [];
  const pending = new Map<string, () => void>();
  const client = {
    request: (_document: unknown, variables: { name: string }) =>
      new Promise((resolve) => {
        sent.push(variables.name);
        pending.set(variables.name, () => resolve(variables.name));
      }),
  } as unknown as Client;
  const answer = async (name: string) => {
    pending.get(name)!();
    // Lets the answer settle and the queue start what it frees a slot for.
    for (let tick = 0; tick < 5; tick++) await Promise.resolve();
  };
  return { client, sent, answer };
}

const DOCUMENT = {} as TypedDocumentNode<unknown, { name: string }>;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the dashboard's request queue", () => {
  it('sends what one render asks for by priority, whatever asked first, the subject alone first', async () => {
    const { client, sent, answer } = recordingClient();
    const request = createRequester(client, { concurrency: 3 });
    // The page's own requests (asked by the first effect), then the view's (the second).
    void request(DOCUMENT, { name: 'offers compared' }, { priority: PRIORITY.page });
    void request(DOCUMENT, { name: 'trusts' }, { priority: PRIORITY.background });
    void request(DOCUMENT, { name: 'heading' }, { priority: PRIORITY.subject });
    void request(DOCUMENT, { name: 'profile' }, { priority: PRIORITY.subject });
    void request(DOCUMENT, { name: 'trail' }, { priority: PRIORITY.view });
    await flush();
    // A slot is free, but the trail waits until the heading and the profile are in.
    expect(sent).toEqual(['heading', 'profile']);
    await answer('heading');
    expect(sent).toEqual(['heading', 'profile']);
    await answer('profile');
    expect(sent).toEqual(['heading', 'profile', 'trail', 'offers compared']);
  });

  it('never gives the last slot to a page or a background request', async () => {
    const { client, sent, answer } = recordingClient();
    const request = createRequester(client, { concurrency: 3 });
    for (const name of ['page 2', 'page 3', 'page 4']) void request(DOCUMENT, { name }, { priority: PRIORITY.page });
    void request(DOCUMENT, { name: 'trusts' }, { priority: PRIORITY.background });
    await flush();
    expect(sent).toEqual(['page 2', 'page 3']);
    // The reader opens another subject: its heading starts at once, in the slot the pages left.
    void request(DOCUMENT, { name: 'next heading' }, { priority: PRIORITY.subject });
    await flush();
    expect(sent).toEqual(['page 2', 'page 3', 'next heading']);
    await answer('next heading');
    expect(sent).toEqual(['page 2', 'page 3', 'next heading']);
    await answer('page 2');
    expect(sent).toEqual(['page 2', 'page 3', 'next heading', 'page 4']);
    await answer('page 3');
    expect(sent).toEqual(['page 2', 'page 3', 'next heading', 'page 4', 'trusts']);
  });

  it('still sends pages one at a time when it may send only one request', async () => {
    const { client, sent, answer } = recordingClient();
    const request = createRequester(client, { concurrency: 1 });
    for (const name of ['page 2', 'page 3']) void request(DOCUMENT, { name }, { priority: PRIORITY.page });
    await flush();
    expect(sent).toEqual(['page 2']);
    await answer('page 2');
    expect(sent).toEqual(['page 2', 'page 3']);
  });
});
