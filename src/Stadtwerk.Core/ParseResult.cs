namespace Stadtwerk.Core;

/// <summary>The outcome of parsing user text: a value, or one line saying what is wrong. Parsing never throws.</summary>
public sealed record ParseResult<T>
    where T : class
{
    private ParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    public bool Succeeded => Value is not null;

    public static ParseResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static ParseResult<T> Fail(string error) => new(null, Guard.NotBlank(error, nameof(error)));
}
