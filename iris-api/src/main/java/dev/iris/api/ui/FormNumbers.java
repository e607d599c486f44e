package dev.iris.api.ui;

import dev.iris.common.http.IrisException;

/**
 * Whole numbers typed into forms. What a number may be is the service's business; this only
 * turns text into one, with an error that names the field.
 */
final class FormNumbers
{
    private FormNumbers() {}

    static int wholeNumber(String text, String field)
    {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        }
        catch (NumberFormatException e) {
            throw IrisException.badRequest("Invalid " + field, field + " must be a whole number");
        }
    }
}
