package source

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// nonPublic lists the address blocks a fetch must not reach unless
// AllowPrivate is set, with the word the error uses. The standard library
// predicates (IsLoopback, IsPrivate, ...) cover most; these are the rest of
// the IANA special-purpose registries that are not the public internet.
var nonPublic = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},              // "this network"
	{netip.MustParsePrefix("100.64.0.0/10"), "CGNAT (shared)"},       // RFC 6598
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved"},              // IETF protocol assignments
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},         // TEST-NET-1
	{netip.MustParsePrefix("198.18.0.0/15"), "reserved"},             // benchmarking
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},      // TEST-NET-2
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},       // TEST-NET-3
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},               // incl. broadcast
	{netip.MustParsePrefix("100::/64"), "reserved"},                  // discard-only
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},        // RFC 3849
	{netip.MustParsePrefix("fec0::/10"), "private (site-local)"},     // deprecated site-local
	{netip.MustParsePrefix("2001::/32"), "reserved (Teredo tunnel)"}, // hides the IPv4 end
}

// IPv6 prefixes that embed an IPv4 address which the packet really goes to.
var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052: v4 in the last 4 bytes
	sixToFour   = netip.MustParsePrefix("2002::/16")    // RFC 3056: v4 in bytes 2..5
)

// nonPublicKind says why ip is not a public internet address ("loopback",
// "private", ...), or returns "" for a public one. IPv4-mapped IPv6
// (::ffff:10.0.0.1) and IPv6 forms that carry an IPv4 destination (NAT64,
// 6to4) are judged by the IPv4 address inside.
func nonPublicKind(ip netip.Addr) string {
	ip = ip.WithZone("").Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64Prefix.Contains(ip):
			if kind := nonPublicKind(netip.AddrFrom4([4]byte(b[12:16]))); kind != "" {
				return kind + " (via NAT64)"
			}
		case sixToFour.Contains(ip):
			if kind := nonPublicKind(netip.AddrFrom4([4]byte(b[2:6]))); kind != "" {
				return kind + " (via 6to4)"
			}
		}
	}
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, np := range nonPublic {
		if np.prefix.Contains(ip) {
			return np.kind
		}
	}
	return ""
}

// privateAddrError is a connection the guard refused.
type privateAddrError struct {
	ip   netip.Addr
	kind string
}

func (e *privateAddrError) Error() string {
	return fmt.Sprintf("refused to connect to %s address %s", e.kind, e.ip)
}

// control is the dialer's Control function: it runs after the name is
// resolved, on the very address about to be connected to, so neither a
// redirect nor a DNS answer that changes between lookups (rebinding) can
// slip a private address past it.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("refused to connect to %q: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("refused to connect to %q: not an IP address", address)
	}
	if kind := f.blocked(ip); kind != "" {
		return &privateAddrError{ip: ip.WithZone(""), kind: kind}
	}
	return nil
}
