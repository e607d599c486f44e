package dev.iris.plugin.twilio;

/**
 * Fits message text into SMS limits. Twilio refuses bodies over 1600 characters (error 21617) and
 * bills per segment: 160 GSM-7 septets (153 when concatenated, extension characters such as
 * {@code €} or {@code [} taking two), or 70 UTF-16 code units (67 when concatenated) as soon as one
 * character is outside GSM-7. Cutting keeps surrogate pairs whole and ends with a visible marker,
 * chosen so that it never pushes a GSM-7 message into UCS-2.
 */
final class SmsText
{
    static final int TWILIO_MAX_CHARACTERS = 1600;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";
    private static final String GSM_MARKER = "...";
    private static final String UNICODE_MARKER = "…";

    private SmsText() {}

    /**
     * Iris's SMS text: the subject and the body, each trimmed, joined by {@code ". "}.
     */
    static String compose(String subject, String body)
    {
        String trimmedSubject = subject.strip();
        String trimmedBody = body.strip();
        if (trimmedSubject.isEmpty()) {
            return trimmedBody;
        }
        if (trimmedBody.isEmpty()) {
            return trimmedSubject;
        }
        return trimmedSubject + ". " + trimmedBody;
    }

    /**
     * {@code text} unchanged when it fits in {@code maxCharacters} UTF-16 code units and
     * {@code maxSegments} segments; otherwise its longest prefix that fits with the marker.
     */
    static String fit(String text, int maxCharacters, int maxSegments)
    {
        if (text.length() <= maxCharacters && segments(text) <= maxSegments) {
            return text;
        }
        String marker = isGsm7(text) ? GSM_MARKER : UNICODE_MARKER;
        int end = Math.min(text.length(), maxCharacters - marker.length());
        while (end > 0) {
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
                continue;
            }
            String candidate = text.substring(0, end) + marker;
            if (segments(candidate) <= maxSegments) {
                return candidate;
            }
            end--;
        }
        return marker;
    }

    static boolean isGsm7(String text)
    {
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (GSM_BASIC.indexOf(character) < 0 && GSM_EXTENSION.indexOf(character) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many segments Twilio bills for {@code text}, packing characters greedily without
     * splitting an escape pair or a surrogate pair across segments.
     */
    static int segments(String text)
    {
        if (text.isEmpty()) {
            return 1;
        }
        boolean gsm = isGsm7(text);
        int single = gsm ? 160 : 70;
        int concatenated = gsm ? 153 : 67;
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += unitSize(text, i, gsm);
        }
        if (total <= single) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = unitSize(text, i, gsm);
            if (size == 0) {
                continue;
            }
            if (used + size > concatenated) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return segments;
    }

    // The size of the character at index, in septets (GSM-7) or code units (UCS-2); a low
    // surrogate counts with its high surrogate so the pair moves as one.
    private static int unitSize(String text, int index, boolean gsm)
    {
        char character = text.charAt(index);
        if (gsm) {
            return GSM_EXTENSION.indexOf(character) >= 0 ? 2 : 1;
        }
        if (Character.isHighSurrogate(character) && index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1))) {
            return 2;
        }
        if (Character.isLowSurrogate(character) && index > 0 && Character.isHighSurrogate(text.charAt(index - 1))) {
            return 0;
        }
        return 1;
    }
}
