package dev.iris.cli;

/**
 * What the CLI's exit status means, for scripts.
 */
public final class ExitCodes
{
    /** The API did what was asked. */
    public static final int OK = 0;
    /** The API refused (4xx or 5xx); its error is printed. */
    public static final int REFUSED = 1;
    /** Wrong arguments, options or input files. */
    public static final int USAGE = 2;
    /** The API could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
