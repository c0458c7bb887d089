namespace ImageRoll.IntegrationTests.Faults;

/// <summary>What the <see cref="FaultProxy"/> does to a connection (or, for plain HTTP, to one request) a rule matches.</summary>
public enum FaultAction
{
    /// <summary>Forward both ways untouched.</summary>
    Pass,

    /// <summary>Accept, read everything, never answer.</summary>
    Blackhole,

    /// <summary>Forward the request; forward <see cref="FaultRule.AfterBytes"/> bytes of the answer's body, then send nothing more (the connection stays open).</summary>
    StallAnswer,

    /// <summary>Forward the request; forward <see cref="FaultRule.AfterBytes"/> bytes of the answer's body, then reset the connection (RST).</summary>
    ResetAnswer,

    /// <summary>Forward <see cref="FaultRule.AfterBytes"/> bytes of the request's body, then stop reading it (the client's writes block).</summary>
    StallRequest,

    /// <summary>Answer <see cref="FaultRule.Status"/> (with <see cref="FaultRule.RetryAfterSeconds"/>) without asking the upstream (plain HTTP only).</summary>
    Respond,

    /// <summary>Reset the connection at once (RST after accepting).</summary>
    Reset,
}
