namespace ImageRoll.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: ImageRoll.Benchmarks <suite>; no suites yet.");
        return args.Length == 0 ? 0 : 2;
    }
}
