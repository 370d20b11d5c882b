namespace Realtime.Api.Auth;

public static class Policies
{
    /// <summary>Any staff key: owner, admin or front desk.</summary>
    public const string Staff = "staff";

    /// <summary>Owner or admin: configuration, deletion, keys, exports.</summary>
    public const string Admin = "admin";

    /// <summary>The one system key of whoever runs the server.</summary>
    public const string Operator = "operator";

    /// <summary>Owner, admin or the operator: the Orleans dashboard.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>A client session (<see cref="ClientCaller"/>): the client routes only.</summary>
    public const string Client = "client";
}
