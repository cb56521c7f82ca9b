namespace Stadtwerk.Core;

/// <summary>
/// An entity that agents or customers edit: <see cref="Version"/> is its optimistic-concurrency token,
/// raised by the persistence layer on every save; an update that names an older version is a conflict.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>A problem with one field of a request: the field's name as the client sent it, and what is wrong.</summary>
/// <remarks><see cref="Text"/> is the message with its arguments (for a page in German); <see cref="Message"/> the English one, as the API answers.</remarks>
public sealed record FieldError(string Field, Text Text)
{
    public string Message => Text.ToString();
}

/// <summary>The outcome of a domain operation that users can get wrong: done, or the problems by field.</summary>
public sealed record DomainResult<T>
    where T : class
{
    private DomainResult(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Value is not null;

    public static DomainResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    public static DomainResult<T> Invalid(params FieldError[] errors) =>
        errors is { Length: > 0 } ? new(null, errors) : throw new ArgumentException("At least one error is needed.", nameof(errors));

    public static DomainResult<T> Invalid(string field, Text message) => Invalid(new FieldError(field, message));
}
