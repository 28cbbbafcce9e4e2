using System.Diagnostics.CodeAnalysis;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Services;

/// <summary>An answer from the cluster, or the SPEC error it came to.</summary>
public readonly record struct ServiceResult<T>(T? Value, Refusal? Error)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static implicit operator ServiceResult<T>(T value) => new(value, null);

    public static implicit operator ServiceResult<T>(Refusal error) => new(default, error);
}
