namespace ImageRoll.Util;

/// <summary>Walks an exception's InnerException chain: what the registry, API server and Docker errors are worded from.</summary>
internal static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in the chain, starting at <paramref name="ex"/> itself.</summary>
    public static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T t)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The last exception of the chain (the root cause).</summary>
    public static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
