namespace ImageRoll.Cli.Console;

public enum OutputMode
{
    Text,
    Json,
}
