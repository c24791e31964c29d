import { createHash } from 'node:crypto';
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPage } from '../../shared/form/page.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * `GET /`: one page, script and styles inline, under a CSP that names exactly them (by hash),
 * gzipped for clients that take it, and small. The browser tests (test/e2e) show that the form
 * works under this CSP; here the page itself is held to it.
 */

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(() => stack.stop());

/** The page as it travels (node:http, which, unlike fetch, does not decompress). */
const page = (acceptEncoding: string, path = '/') =>
  new Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    get(`${stack.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject);
  });

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inline = (html: string, tag: 'script' | 'style') =>
  new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? '';
const directives = (csp: string): Record<string, string[]> =>
  Object.fromEntries(
    csp.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe('GET / (the form page)', () => {
  it('answers one gzipped HTML page whose CSP allows exactly its own script and style', async () => {
    const { status, headers, bytes } = await page('gzip, deflate, br');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers.vary).toBe('accept-encoding');
    expect(headers['x-content-type-options']).toBe('nosniff');
    const html = gunzipSync(bytes).toString('utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);

    const policy = String(headers['content-security-policy']);
    const csp = directives(policy);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual([sha256(inline(html, 'script'))]);
    expect(csp['style-src']).toEqual([sha256(inline(html, 'style'))]);
    // The API, and the documents bucket (here the S3 emulator) that uploads and downloads go to.
    expect(csp['connect-src']).toEqual(["'self'", new URL(process.env.S3_ENDPOINT ?? '').origin]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe/);
  });

  it('loads nothing from anywhere else, and stays small', async () => {
    const [plain, gzipped] = await Promise.all([page('identity'), page('gzip')]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.bytes.toString('utf8');
    const shell = html.replace(inline(html, 'script'), '');
    expect(shell).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(shell).not.toMatch(/<script\s[^>]*src=/i);
    expect(shell).not.toMatch(/(src|href)="(https?:)?\/\//i);

    console.log(
      `Form page: ${(plain.bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipped.bytes.length / 1024).toFixed(1)} KiB gzipped`,
    );
    // zod/mini is ~36 KB minified of it; the form's own code must stay modest.
    expect(gzipped.bytes.length).toBeLessThan(60_000);
    expect(plain.bytes.length).toBeLessThan(200_000);
  });

  it('sends it uncompressed to a client that refuses gzip (gzip;q=0)', async () => {
    const { headers, bytes } = await page('gzip;q=0, identity');
    expect(headers['content-encoding']).toBeUndefined();
    expect(bytes.toString('utf8')).toMatch(/^<!doctype html>/);
  });

  it('lets the deployed page sign in at the Cognito hosted UI and nowhere else', () => {
    const { html, contentSecurityPolicy } = formPage({
      script: 'void 0',
      authUrl: 'https://kur.auth.eu-north-1.amazoncognito.com',
      clientId: 'abc123',
    });
    const csp = directives(contentSecurityPolicy);
    expect(csp['connect-src']).toEqual(["'self'", 'https://kur.auth.eu-north-1.amazoncognito.com']);
    expect(csp['form-action']).toEqual(["'self'", 'https://kur.auth.eu-north-1.amazoncognito.com']);
    expect(html).toContain(
      '<body data-auth-url="https://kur.auth.eu-north-1.amazoncognito.com" data-client-id="abc123">',
    );
  });

  it('refuses a script that would end its own <script> element early', () => {
    expect(() => formPage({ script: 'const a = "</script>";' })).toThrow(/must not contain/);
  });
});

describe('the accessibility statement and the icon', () => {
  it('links the statement from the form page’s footer, relative so that a stage prefix keeps it', async () => {
    const html = (await page('identity')).bytes.toString('utf8');
    expect(html).toMatch(
      /<footer[^>]*>.*<a href="tillganglighet">Tillgänglighetsredogörelse<\/a>.*<\/footer>/s,
    );
  });

  it('answers /tillganglighet with DIGG’s sections, a link to DIGG’s complaint form and no script', async () => {
    const { status, headers, bytes } = await page('identity', '/tillganglighet');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    const html = bytes.toString('utf8');
    const headings = [...html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Hur tillgänglig är tjänsten?',
      'Vad kan du göra om du inte kan använda delar av tjänsten?',
      'Rapportera brister i tjänstens tillgänglighet',
      'Tillsyn',
      'Teknisk information om tjänstens tillgänglighet',
      'Innehåll som inte är tillgängligt',
      'Hur vi testat tjänsten',
    ]);
    expect(html).toContain('delvis förenlig');
    expect(html).toContain('href="https://www.digg.se/tdosanmalan"');
    expect(html).not.toMatch(/<script/i);
    const csp = directives(String(headers['content-security-policy']));
    expect(csp['style-src']).toEqual([sha256(inline(html, 'style'))]);
    expect(csp['script-src']).toBeUndefined();
  });

  it('answers /favicon.ico with an icon instead of 404', async () => {
    const { status, headers, bytes } = await page('identity', '/favicon.ico');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('image/x-icon');
    // ICONDIR: reserved 0, type 1 (icon), one image of 16×16.
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 16, 16]);
  });
});
