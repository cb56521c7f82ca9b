namespace Stadtwerk.Core;

/// <summary>
/// The outcome of parsing user text: a value, or one line saying what is wrong. Parsing never throws.
/// The reason is a <see cref="Text"/>, so a page can say it in its reader's language; <see cref="Error"/> is its
/// English message, as the API and the CLI give it.
/// </summary>
public sealed record ParseResult<T>
    where T : class
{
    private ParseResult(T? value, Text? reason)
    {
        Value = value;
        Reason = reason;
    }

    public T? Value { get; }

    /// <summary>What is wrong, for a page to translate; null when parsing succeeded.</summary>
    public Text? Reason { get; }

    /// <summary>What is wrong in English (the API's and the CLI's message); null when parsing succeeded.</summary>
    public string? Error => Reason?.ToString();

    public bool Succeeded => Value is not null;

    public static ParseResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static ParseResult<T> Fail(Text reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Guard.NotBlank(reason.ToString(), nameof(reason));
        return new(null, reason);
    }
}
