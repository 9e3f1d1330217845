/**
 * The table exports over HTTP: `GET /tables/<table>.<format>?offer=<id>` (or `decision=<id>`, or neither for every
 * finding), with `<table>` `evidence-profile` or `soqf` and `<format>` `csv`, `xlsx` or `docx`. Authorised like
 * /graphql (the same bearer token, the same anonymous role): the tables hold judgements and their explanations, so
 * they need the analyst role, like the `assessment` field; they hold no quotes.
 */
import type express from 'express';
import { GraphQLError } from 'graphql';

import type { ViewerResolver } from '../../auth/tokens.js';
import { hasRole } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { createContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { FindingScope } from './loaders.js';
import { isTableFormat, TABLE_FORMATS } from './table-formats.js';
import { buildTable, TABLE_KINDS, UnknownScopeError, type TableKind } from './tables.js';

/** The role the table exports need. */
export const TABLES_ROLE = 'analyst' as const;

function refuse(response: express.Response, status: number, message: string): void {
  response.status(status).json({ error: message });
}

/** The scope a request's query string names, or a message saying what is wrong with it. */
export function scopeOf(query: Record<string, unknown>): FindingScope | string {
  const offer = typeof query.offer === 'string' ? query.offer : undefined;
  const decision = typeof query.decision === 'string' ? query.decision : undefined;
  if (offer !== undefined && decision !== undefined) return 'Give either offer=<id> or decision=<id>, not both.';
  if (offer !== undefined) return { kind: 'offer', id: offer };
  if (decision !== undefined) return { kind: 'decision', id: decision };
  return { kind: 'all' };
}

/** The file name of an export, e.g. `soqf-readiness-assurance.docx`. */
export function exportFileName(kind: TableKind, scope: FindingScope, extension: string): string {
  const subject = scope.kind === 'all' ? 'all-findings' : scope.id.replace(/[^a-z0-9-]/gi, '_');
  return `${kind}-${subject}.${extension}`;
}

export function mountTableExports(app: express.Express, config: Readonly<Config>, database: Database, resolveViewer: ViewerResolver, log: Logger): void {
  app.get('/tables/:file', async (request, response) => {
    response.set('cache-control', 'no-store');
    const match = /^([a-z-]+)\.([a-z]+)$/.exec(request.params.file);
    const kind = match?.[1] as TableKind | undefined;
    const format = match?.[2];
    if (!kind || !TABLE_KINDS.includes(kind) || !format || !isTableFormat(format)) {
      return refuse(
        response,
        404,
        `No table "${request.params.file}". Ask for <table>.<format>: table ${TABLE_KINDS.join(' or ')}, format ${Object.keys(TABLE_FORMATS).join(', ')} (e.g. /tables/soqf.docx?offer=readiness-assurance).`,
      );
    }
    let viewer;
    try {
      viewer = await resolveViewer(request.headers.authorization);
    } catch (error) {
      return refuse(response, 401, error instanceof GraphQLError ? error.message : 'The bearer token was refused.');
    }
    if (!viewer) return refuse(response, 401, 'This server refuses requests without a token. Send "Authorization: Bearer <token>".');
    if (!hasRole(viewer.role, TABLES_ROLE)) {
      const who = viewer.kind === 'authenticated' ? `your token has ${viewer.role}` : `requests without a token act as ${viewer.role}`;
      return refuse(
        response,
        viewer.kind === 'authenticated' ? 403 : 401,
        `The tables need the ${TABLES_ROLE} role (they hold judgements and their explanations); ${who}.`,
      );
    }
    const scope = scopeOf(request.query);
    if (typeof scope === 'string') return refuse(response, 400, scope);
    try {
      const table = await buildTable(createContext(config, database, viewer), kind, scope);
      const spec = TABLE_FORMATS[format];
      const bytes = await spec.write(table);
      response.set('content-type', spec.contentType);
      response.set('content-disposition', `attachment; filename="${exportFileName(kind, scope, spec.extension)}"`);
      response.send(bytes);
    } catch (error) {
      if (error instanceof UnknownScopeError) return refuse(response, 404, error.message);
      log.error({ err: error }, 'table export failed');
      return refuse(response, 500, 'The table could not be built; the server log has the details.');
    }
  });
}
