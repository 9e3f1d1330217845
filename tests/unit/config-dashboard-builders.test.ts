import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config.js';

describe('configuration for dashboard builders and operators', () => {
  it('allows no other origin, runs any document and traces nothing by default', () => {
    const config = loadConfig({});
    expect(config.corsOrigins).toEqual([]);
    expect(config.trustedDocuments).toEqual({ mode: 'off', files: [] });
    expect(config.tracing).toEqual({ tracesUrl: undefined, serviceName: 'epr-evidence-graph' });
  });

  it('reads the lists and the modes', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'http://localhost:5173, https://dashboards.example.org',
      TRUSTED_DOCUMENTS: 'required',
      TRUSTED_DOCUMENTS_FILES: 'a.json,/srv/b.json',
    });
    expect(config.corsOrigins).toEqual(['http://localhost:5173', 'https://dashboards.example.org']);
    expect(config.trustedDocuments).toEqual({ mode: 'required', files: [path.resolve('a.json'), '/srv/b.json'] });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'http://collector:4318/v1/traces'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://x.example/traces' }, 'https://x.example/traces'],
  ])('sends traces to the signal URL the OpenTelemetry variables give (%o)', (env, url) => {
    expect(loadConfig({ ...env, OTEL_SERVICE_NAME: 'api-1' }).tracing).toEqual({ tracesUrl: url, serviceName: 'api-1' });
  });

  it.each([
    [
      'CORS_ORIGINS',
      'http://localhost:5173/',
      'CORS_ORIGINS must list origins such as https://dashboard.example.org or http://localhost:5173, separated by commas (got "http://localhost:5173/"; did you mean http://localhost:5173?). "*" is not allowed: name each origin.',
    ],
    [
      'CORS_ORIGINS',
      '*',
      'CORS_ORIGINS must list origins such as https://dashboard.example.org or http://localhost:5173, separated by commas (got "*"). "*" is not allowed: name each origin.',
    ],
    ['TRUSTED_DOCUMENTS', 'on', 'TRUSTED_DOCUMENTS must be one of required, off (got "on").'],
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'collector:4318',
      'OTEL_EXPORTER_OTLP_ENDPOINT must be the http(s) URL of an OTLP/HTTP collector, such as http://localhost:4318 (got "collector:4318").',
    ],
  ])('refuses %s=%s with a message that says what is allowed', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
