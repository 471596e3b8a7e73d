import { BlockList, isIP } from 'node:net';

/**
 * Who may hand the SMTP receiver mail without SMTP AUTH: the configured relay addresses (single
 * addresses or CIDR blocks, IPv4 and IPv6; default loopback). IPv4-mapped IPv6 (::ffff:a.b.c.d)
 * counts as its IPv4 address.
 */
export function relayAllowList(entries: readonly string[]): (remote: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.trim().split('/');
    if (!address) continue;
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits !== undefined) list.addSubnet(address, Number(bits), family);
    else list.addAddress(address, family);
  }
  return (remote) => {
    if (!remote) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)?.[1];
    const address = mapped ?? remote;
    return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  };
}
