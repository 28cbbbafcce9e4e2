namespace ConversationActors.Domain.Errors;

/// <summary>The SPEC's error codes (section 4.4). The numbers are part of the contract: never renumber.</summary>
public enum ErrorCode
{
    Ok = 0,
    InvalidParameter = 6017,
    ConversationNotFound = 6004,
    Unauthenticated = 70001,
    Forbidden = 50003,
    PayloadTooLarge = 80002,
    RateLimited = 7008,
    Timeout = 50005,
    StoreUnavailable = 50004,
}
