namespace ImageRoll.ClusterSimulator;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("The simulated cluster host is not implemented yet.");
        return 1;
    }
}
