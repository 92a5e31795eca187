// Security headers on every answer, API and web app alike.
import type { RequestHandler } from 'express';

/**
 * The web app's Content-Security-Policy: everything from the hub itself. OpenLayers draws on canvas, may build
 * images from data:/blob: URLs and run blob: workers; Vue and OpenLayers set inline style attributes (style-src
 * 'unsafe-inline' — scripts stay 'self' only). Images may come from any https: server: the basemap's tiles (天地图, or
 * the XYZ template a user picks) — images only, never scripts. Not framed anywhere (frame-ancestors 'none'), forms post home only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
};
