package dev.iris.api.ui;

import dev.iris.common.http.IrisException;
import dev.iris.core.application.QuotaSettings;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The application page's quota form: durations and the wait are typed in minutes (as Iris's UI
 * shows them) and stored in seconds; {@link QuotaSettings} checks the numbers and
 * {@code ApplicationService.setQuota} the plan and target, as for {@code POST /v0/applications/{app}/quota}.
 */
final class QuotaForm
{
    private QuotaForm() {}

    static QuotaSettings parse(MultivaluedMap<String, String> form)
    {
        return new QuotaSettings(
                FormNumbers.wholeNumber(form.getFirst("hardThreshold"), "hard threshold"),
                FormNumbers.wholeNumber(form.getFirst("softThreshold"), "soft threshold"),
                minutes(form.getFirst("hardMinutes"), "hard minutes"),
                minutes(form.getFirst("softMinutes"), "soft minutes"),
                text(form.getFirst("plan")),
                minutes(form.getFirst("waitMinutes"), "wait minutes"),
                text(form.getFirst("target")));
    }

    private static int minutes(String text, String field)
    {
        int minutes = FormNumbers.wholeNumber(text, field);
        if (minutes > Integer.MAX_VALUE / 60) {
            throw IrisException.badRequest("Invalid " + field, field + " is too large");
        }
        return minutes * 60;
    }

    private static String text(String value)
    {
        return value == null ? "" : value.strip();
    }
}
