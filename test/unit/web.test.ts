import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { dictionaryGaps } from '../../web/i18n/index.ts';
import { html, raw } from '../../web/lib/html.ts';
import { safeReturnTo } from '../../web/lib/return-to.ts';
import { synthStage } from '../support/synth.ts';

/** Issue #15: the pieces of the web front door that decide safety, tested without a browser. */
describe('web building blocks', () => {
  it('escapes every interpolated value unless it is markup the project made', () => {
    const name = '<img src=x onerror=alert(1)>"\'&';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</p>',
    );
    expect(html`<div>${raw('<svg></svg>')}</div>`.value).toBe('<div><svg></svg></div>');
    expect(html`${[html`<b>${'<'}</b>`, false, undefined, null]}`.value).toBe('<b>&lt;</b>');
  });

  it('sends people back only to a path on this site', () => {
    expect(safeReturnTo('/requests/view/?id=1', '/')).toBe('/requests/view/?id=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'https://evil.example',
      'evil',
      '',
    ]) {
      expect(safeReturnTo(bad, '/fallback/'), JSON.stringify(bad)).toBe('/fallback/');
    }
    expect(safeReturnTo(null, '/fallback/')).toBe('/fallback/');
  });

  it('has every key in both languages', () => {
    expect(dictionaryGaps()).toEqual([]);
  });
});

describe('the CloudFront directory-index function', () => {
  const { stage } = synthStage({ provinces: '20' });
  const fn = Object.values(Template.fromStack(stage.site).findResources('AWS::CloudFront::Function'))[0] as {
    Properties: { FunctionCode: string };
  };
  // CloudFront Functions are plain JavaScript: run the deployed code on sample viewer requests.
  const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: unknown) => {
    uri?: string;
    statusCode?: number;
    headers?: Record<string, { value: string }>;
  };
  const request = (uri: string, querystring: Record<string, unknown> = {}) =>
    handler({ request: { uri, querystring } });

  it('serves the index of a folder and redirects a bare folder to its slash, keeping the query', () => {
    expect(request('/stats/').uri).toBe('/stats/index.html');
    expect(request('/assets/app.1.css').uri).toBe('/assets/app.1.css');
    const moved = request('/apply', { service: { value: 'complaint' }, step: { value: 'check' } });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers?.location?.value).toBe('/apply/?service=complaint&step=check');
  });

  it('never redirects to another host', () => {
    const moved = request('//evil.example/x');
    expect(moved.headers?.location?.value).toBe('/evil.example/x/');
    expect(request('///evil.example/').uri).toBe('/evil.example/index.html');
  });
});
