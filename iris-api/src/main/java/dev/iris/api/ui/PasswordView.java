package dev.iris.api.ui;

/**
 * The form that replaces a local password: after a login with a one-time password, or from the
 * settings page.
 */
public final class PasswordView
        extends PageView
{
    private final String username;
    private final String notice;
    private final String error;

    /**
     * @param notice why the form is shown (the one-time password), or null
     * @param error what was wrong with the last attempt, or null
     */
    public PasswordView(PageContext context, String username, String notice, String error)
    {
        super("password.ftlh", context, "Choose a password");
        this.username = username == null ? "" : username;
        this.notice = notice;
        this.error = error;
    }

    public int getMinimumLength()
    {
        return PasswordResource.MINIMUM_LENGTH;
    }

    public String getUsername()
    {
        return username;
    }

    public String getNotice()
    {
        return notice;
    }

    public String getError()
    {
        return error;
    }
}
