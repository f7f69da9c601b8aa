import { NextResponse, type NextRequest } from 'next/server';
import { refusal } from '@/server/edge/guard';

/** Every request passes the edge checks (Host, method, URL shape, Origin) before any route sees it. */
export function proxy(req: NextRequest) {
  return refusal(req) ?? NextResponse.next();
}
