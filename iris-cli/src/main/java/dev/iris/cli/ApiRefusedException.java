package dev.iris.cli;

/**
 * The API answered, and said no: any status of 400 or above. Carries Iris's
 * {@code {title, description}} so the CLI can show the API's own words.
 */
public final class ApiRefusedException
        extends RuntimeException
{
    private final int status;
    private final String title;
    private final String description;

    public ApiRefusedException(int status, String title, String description)
    {
        super(status + " " + title + (description == null ? "" : ": " + description));
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public int status()
    {
        return status;
    }

    public String title()
    {
        return title;
    }

    public String description()
    {
        return description;
    }
}
