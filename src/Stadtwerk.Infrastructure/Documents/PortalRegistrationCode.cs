using System.Security.Cryptography;
using System.Text;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The code a customer registers with in the customer portal, printed on letters: derived from the customer number
/// with a secret of the utility (HMAC-SHA256, configuration <c>Portal:RegistrationSecret</c>), so it needs no table
/// and the portal checks it by deriving it again; 12 characters without look-alikes (no 0/O, 1/I/L), e.g. <c>7KQM-3XWD-PRTA</c>.
/// </summary>
public sealed class PortalRegistrationCode(string secret)
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private readonly byte[] key = Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(secret) ? throw new ArgumentException("The portal registration secret is empty.", nameof(secret)) : secret);

    public string For(string customerNumber)
    {
        ArgumentNullException.ThrowIfNull(customerNumber);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("portal-registration:" + customerNumber));
        var code = new StringBuilder(14);
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                code.Append('-');
            }

            code.Append(Alphabet[hash[i] % Alphabet.Length]);
        }

        return code.ToString();
    }

    /// <summary>Whether <paramref name="code"/> (any case, with or without dashes) is the customer's code; compared in constant time.</summary>
    public bool Matches(string customerNumber, string? code)
    {
        var expected = Encoding.ASCII.GetBytes(For(customerNumber).Replace("-", string.Empty, StringComparison.Ordinal));
        var given = Encoding.ASCII.GetBytes((code ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
