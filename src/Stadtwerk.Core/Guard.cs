namespace Stadtwerk.Core;

/// <summary>Preconditions for factories: a broken invariant is a programming error and throws.</summary>
internal static class Guard
{
    public static decimal NotNegative(decimal value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    public static decimal Positive(decimal value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    public static string NotBlank(string? value, string name) =>
        !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException($"{name} must not be empty.", name);
}
