using System.Net;
using System.Net.Sockets;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>Which addresses a webhook may reach when private networks are not allowed: public unicast ones only.</summary>
public static class WebhookAddresses
{
    /// <summary>
    /// False for this machine, private and shared networks (RFC 1918, carrier-grade NAT, IPv6 unique local), link-local
    /// addresses (cloud metadata services live there), unspecified, multicast and broadcast addresses; an IPv4 address
    /// written as IPv6 is judged as IPv4.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or >= 224
                     || (b[0] == 100 && b[1] is >= 64 and < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)
                     || (b[0] == 192 && b[1] == 168));
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
               && !address.Equals(IPAddress.IPv6None)
               && !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !address.IsIPv6UniqueLocal && !address.IsIPv6Multicast;
    }
}
