package dev.iris.api.ui;

import jakarta.ws.rs.QueryParam;

/**
 * The incident list's filter query parameters, shared by the page and the table htmx polls.
 */
public final class IncidentFilterParams
{
    @QueryParam("state")
    private String state;

    @QueryParam("application")
    private String application;

    @QueryParam("person")
    private String person;

    @QueryParam("from")
    private String from;

    @QueryParam("to")
    private String to;

    IncidentFilter filter()
    {
        return IncidentFilter.of(state, application, person, from, to);
    }
}
