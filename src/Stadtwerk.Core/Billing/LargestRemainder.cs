namespace Stadtwerk.Core.Billing;

/// <summary>
/// Splits a whole quantity into whole parts proportional to integer weights so that the parts add up exactly:
/// each part gets the floor of its exact share, and the units left over go to the largest remainders,
/// the earlier part first when remainders are equal (Hare–Niemeyer).
/// </summary>
public static class LargestRemainder
{
    public static void Distribute(long quantity, ReadOnlySpan<long> weights, Span<long> parts)
    {
        if (parts.Length != weights.Length)
        {
            throw new ArgumentException("One part per weight is needed.", nameof(parts));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        Int128 total = 0;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            total += weight;
        }

        if (total == 0)
        {
            throw new ArgumentException("The weights add up to zero.", nameof(weights));
        }

        Span<Int128> remainders = weights.Length <= 32 ? stackalloc Int128[weights.Length] : new Int128[weights.Length];
        var left = quantity;
        for (var i = 0; i < weights.Length; i++)
        {
            var share = (Int128)quantity * weights[i];
            var part = (long)(share / total);
            parts[i] = part;
            remainders[i] = share % total;
            left -= part;
        }

        // left < number of parts: hand out one unit each to the largest remainders, earlier first on ties.
        for (; left > 0; left--)
        {
            var best = -1;
            for (var i = 0; i < remainders.Length; i++)
            {
                if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }

            parts[best]++;
            remainders[best] = -1;
        }
    }
}
