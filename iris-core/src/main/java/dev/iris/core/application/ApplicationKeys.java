package dev.iris.core.application;

/**
 * An application's API keys. {@link #toString()} leaves them out.
 */
public record ApplicationKeys(String key, String secondaryKey)
{
    @Override
    public String toString()
    {
        return "ApplicationKeys{secondary=" + (secondaryKey != null) + "}";
    }
}
