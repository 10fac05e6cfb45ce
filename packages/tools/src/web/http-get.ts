import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { isPrivateAddress } from './address-guard.js';

export interface HttpGetOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateHosts: boolean;
  lookupHost?: (hostname: string) => Promise<LookupAddress[]>;
}

export interface HttpResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
  truncated: boolean;
}

export class BlockedAddressError extends Error {
  readonly kind = 'blocked_address';
}

/**
 * One GET, without following redirects (the caller re-checks each hop). The connection uses a lookup that
 * refuses private addresses, so the address checked is the address connected to (no DNS-rebinding gap).
 */
export function httpGet(url: URL, options: HttpGetOptions): Promise<HttpResponse> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const lookup = guardedLookup(options);
  return new Promise((resolveResponse, rejectResponse) => {
    const req = request(
      url,
      {
        method: 'GET',
        lookup,
        signal: options.signal,
        timeout: options.timeoutMs,
        headers: {
          'user-agent': 'claw-webfetch/0.1 (+https://github.com/)',
          accept: 'text/markdown, text/html;q=0.9, text/plain;q=0.8, application/json;q=0.7, */*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      (response) => {
        const decoded = decode(response);
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        decoded.on('data', (chunk: Buffer) => {
          if (truncated) return;
          size += chunk.length;
          chunks.push(chunk);
          if (size > options.maxBytes) {
            truncated = true;
            response.destroy();
            finish();
          }
        });
        const finish = () =>
          resolveResponse({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).subarray(0, options.maxBytes),
            truncated,
          });
        decoded.on('end', finish);
        decoded.on('error', (error) => (truncated ? finish() : rejectResponse(error)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', rejectResponse);
    req.end();
  });
}

function decode(response: IncomingMessage): NodeJS.ReadableStream {
  switch (response.headers['content-encoding']) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function guardedLookup(options: HttpGetOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const resolveAll: Promise<LookupAddress[]> = options.lookupHost
      ? options.lookupHost(hostname)
      : new Promise((resolveLookup, rejectLookup) =>
          dnsLookup(hostname, { all: true }, (error, addresses) =>
            error ? rejectLookup(error) : resolveLookup(addresses),
          ),
        );
    resolveAll.then(
      (addresses) => {
        const refused = addresses.find((entry) => isPrivateAddress(entry.address));
        if (refused && !options.allowPrivateHosts) {
          callback(
            new BlockedAddressError(`${hostname} resolves to ${refused.address}, a private or local address`),
            '',
            4,
          );
          return;
        }
        const first = addresses[0];
        if (!first) {
          callback(new Error(`${hostname} has no addresses`), '', 4);
          return;
        }
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
