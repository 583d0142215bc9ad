import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { Request } from 'express';

export interface ClientInfo {
  /** The client address as Express sees it: the socket, or a trusted proxy hop (`TRUST_PROXY`). */
  ip: string | null;
  userAgent: string | null;
}

export function clientInfo(req: Request): ClientInfo {
  const userAgent = req.get('user-agent');
  return { ip: req.ip ?? null, userAgent: userAgent ? userAgent.slice(0, 400) : null };
}

/** IPv4 to its /24, IPv6 to its /48: enough to spot abuse, not enough to identify a household. */
export function truncateIp(ip: string | null): string | null {
  if (!ip) return null;
  const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0`;
  if (isIPv6(address)) {
    const [head = '', tail = ''] = address.split('::');
    const headParts = head ? head.split(':') : [];
    const tailParts = tail ? tail.split(':') : [];
    const full = [
      ...headParts,
      ...Array<string>(8 - headParts.length - tailParts.length).fill('0'),
      ...tailParts,
    ];
    return `${full.slice(0, 3).join(':')}::`;
  }
  return null;
}

/**
 * The client address for handlers outside Express (the click redirect), trusting exactly the
 * proxies that Express's `trust proxy` setting trusts.
 */
export function clientIpResolver(
  trustProxy: boolean | number | string,
): (req: IncomingMessage) => string | null {
  const trust: (address: string, hop: number) => boolean =
    trustProxy === true
      ? () => true
      : trustProxy === false
        ? () => false
        : typeof trustProxy === 'number'
          ? (_address, hop) => hop < trustProxy
          : proxyaddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
  return (req) => {
    try {
      return proxyaddr(req, trust) || null;
    } catch {
      return req.socket.remoteAddress ?? null;
    }
  };
}
