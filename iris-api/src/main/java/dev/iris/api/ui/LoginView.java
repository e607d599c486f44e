package dev.iris.api.ui;

/**
 * The login form.
 */
public final class LoginView
        extends PageView
{
    private final String next;
    private final String username;
    private final String error;

    public LoginView(PageContext context, String next, String username, String error)
    {
        super("login.ftlh", context, "Log in");
        this.next = next;
        this.username = username == null ? "" : username;
        this.error = error;
    }

    public String getNext()
    {
        return next;
    }

    public String getUsername()
    {
        return username;
    }

    public String getError()
    {
        return error;
    }
}
